// Building blocks of a workflow article; content/README.md shows how they fit together.
export { default as WorkflowIntro } from './WorkflowIntro.astro';
export { default as WorkflowDiagram } from './WorkflowDiagram.astro';
export { default as Steps } from './Steps.astro';
export { default as Step } from './Step.astro';
export { default as FragmentSteps } from './FragmentSteps.astro';
export { default as Claim } from './Claim.astro';
export { default as ApisUsed } from './ApisUsed.astro';
export { default as AllWorkflowsLink } from './AllWorkflowsLink.astro';
