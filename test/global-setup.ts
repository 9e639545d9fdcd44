/** Global test set-up: nothing yet; per-file databases are created by test/support/db.ts. */
export default function setup(): void {}
