// The whole data model. Tables live in ./tables by area; this file is what drizzle-kit reads.
export * from "./tables/ai-chat";
export * from "./tables/alerts-config";
export * from "./tables/churn";
export * from "./tables/clients";
export * from "./tables/crm";
export * from "./tables/ingestion";
export * from "./tables/metrics";
export * from "./tables/observability";
export * from "./tables/people";
export * from "./tables/platform";
export * from "./tables/relationship";
export * from "./tables/system";
