// A nondeterministic build: Math.random decides how many operators the graph has.
import { defineJob, discardingSink } from '@dhara/core';

export default defineJob('test-random-build', (env) => {
  let stream = env.fromElements(1, 2, 3);
  const extra = Math.floor(Math.random() * 1_000_000);
  for (let i = 0; i < extra % 7; i++) stream = stream.map((n) => n + 1);
  stream
    .map((n) => n)
    .name(`map-${extra}`)
    .sinkTo(discardingSink());
});
