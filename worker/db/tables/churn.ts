import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import type { Backtest, ChurnModel } from "#worker/core/churn/churn-model";
import { bool, id, jsonText } from "#worker/db/columns";

/**
 * Every trained churn model, kept with its backtest: the current one scores clients, the older
 * ones show how the model and its accuracy moved over time. Retrained weekly by cron.
 */
export const churnModels = sqliteTable(
  "churn_models",
  {
    id: id(),
    version: integer("version").notNull().unique(),
    trained_at: text("trained_at").notNull(),
    /** The date the training data ran up to. */
    anchor_date: text("anchor_date").notNull(),
    model: jsonText<ChurnModel>("model").notNull(),
    backtest: jsonText<Backtest>("backtest"),
    training_rows: integer("training_rows").notNull(),
    training_churns: integer("training_churns").notNull(),
    is_current: bool("is_current").notNull().default(false),
    trigger: text("trigger").notNull(),
  },
  (t) => [index("churn_models_current_idx").on(t.is_current)],
);
