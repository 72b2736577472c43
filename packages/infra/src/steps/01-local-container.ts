import type { Step } from './step.js';

/** Step 1 runs the container on a laptop (`docker run -p 80:8080 <image>`): no AWS, no stacks. */
export const localContainer: Step = {
  id: 1,
  slug: 'local-container',
  summary: 'The service in a container: docker run -p 80:8080 <image>. No AWS.',
  define: () => [],
};
