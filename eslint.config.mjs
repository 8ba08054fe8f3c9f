import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Imports point down: routes use lib/ and components/, never the other way (issue 15).
    files: ["lib/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "**/app/*"], message: "lib/ and components/ never import from app/: move what both need into lib/." },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "lib/db/generated-postgresql/**",
      "data/**",
      "e2e-results/**",
      "test-results/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
