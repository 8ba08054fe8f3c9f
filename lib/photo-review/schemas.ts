import { z } from "zod";
import { ReviewDecision } from "@/lib/db/generated/enums"; // plain values: the client form imports this module

// Photo review (issue 14): what a staff member may ask for, one schema for the page's
// action and the tests. A rejection needs a note: the crew and the client read it.

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "is not a valid id");

export const REVIEW_NOTE_MAX = 500;

export const reviewRequestSchema = z
  .object({
    orderId: id,
    decision: z.enum(ReviewDecision, { error: "must be approved, rejected or cleared" }),
    note: z
      .string()
      .trim()
      .max(REVIEW_NOTE_MAX, `must be at most ${REVIEW_NOTE_MAX} characters`)
      .optional()
      .transform((v) => v || undefined),
    /** Photos by id, comma-separated (one photo from the viewer, or a selection). */
    photoIds: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
      )
      .pipe(z.array(id).max(5000, "too many photos at once")),
    /** Or every photo of one service of the order (its name as the gallery shows it). */
    service: z.string().trim().min(1).max(200).optional(),
  })
  .refine((r) => r.decision !== "rejected" || r.note, { path: ["note"], message: "says why the photo is rejected (required)" })
  .refine((r) => r.photoIds.length > 0 !== (r.service !== undefined), {
    path: ["photoIds"],
    message: "name the photos or one service, not both",
  });

export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

/** A photo's state as every view shows it; "unreviewed" when nobody decided (or it was cleared). */
export const REVIEW_STATES = ["unreviewed", "approved", "rejected"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const reviewFilterSchema = z.enum(["all", ...REVIEW_STATES]).catch("all");
export type ReviewFilter = z.infer<typeof reviewFilterSchema>;
