// ESLint for rollcoach's browser JavaScript and its Node tests (`make lint-js`).

import js from "@eslint/js";
import globals from "globals";

const STATIC = "src/rollcoach/web/**/static/**";

export default [
  {
    ignores: [".venv/**", "node_modules/**", "data/**", "staticfiles/**", "build/**", "dist/**"],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      eqeqeq: ["error", "always"],
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  {
    // The page modules: loaded with <script type="module">.
    files: [`${STATIC}/*.js`],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    // Classic scripts: the offline worker, and the small helpers loaded with <script defer>.
    files: [`${STATIC}/sw.js`, `${STATIC}/bodymap.js`, `${STATIC}/moderation.js`],
    languageOptions: { sourceType: "script" },
  },
  {
    files: [`${STATIC}/sw.js`],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
