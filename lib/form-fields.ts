import { z } from "zod";

/** A checkbox as forms post it ("on" when ticked, nothing when not), or a boolean from code. */
export const checkboxField = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());
