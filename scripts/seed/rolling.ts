/** Sum of the last `window` values pushed (one per day). */
export class RollingSum {
  private readonly values: number[];
  private pos = 0;
  sum = 0;

  constructor(readonly window: number) {
    this.values = new Array(window).fill(0);
  }

  push(v: number): void {
    this.sum += v - this.values[this.pos];
    this.values[this.pos] = v;
    this.pos = (this.pos + 1) % this.window;
  }
}
