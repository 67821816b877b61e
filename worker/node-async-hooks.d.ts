// The one Node API the Worker uses (nodejs_compat provides it at runtime); the Worker's tsconfig
// does not load @types/node, which would bring Node's globals into Worker code.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    run<R>(store: T, fn: () => R): R;
    getStore(): T | undefined;
  }
}
