import { z } from "zod";
import { seedDemo } from "@/lib/demo/seed";
import { command } from "../command";

export const demoCommands = [
  command({
    name: "demo:seed",
    summary: "Create the demo admin and a few demo orders, once (no-op when users exist)",
    usage: "demo:seed",
    flags: z.object({}).strict(),
    run: () => seedDemo(),
  }),
];
