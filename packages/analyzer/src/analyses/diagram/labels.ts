/**
 * Graphviz paints a cluster's label before the lines, so a line entering a subnet from above runs over its name.
 * The labels are moved after everything else, each with a white halo (`paint-order: stroke`): a line passes
 * under a name, which stays readable, as on a map.
 */

const clusterGroup = /<g id="[^"]*" class="cluster">[\s\S]*?<\/g>/g;
const textElement = /<text\b[^>]*>[^<]*<\/text>/g;
const halo = 'stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

export const liftClusterLabels = (svg: string): string => {
  const labels: string[] = [];
  const withoutLabels = svg.replace(clusterGroup, (group) =>
    group.replace(textElement, (text) => {
      labels.push(text.replace(/^<text\b/, `<text ${halo}`));
      return '';
    }),
  );
  // The drawing's own group closes last, just before the SVG does: the labels go at its end, on top.
  const end = withoutLabels.lastIndexOf('</g>');
  if (end === -1 || labels.length === 0) return withoutLabels;
  return `${withoutLabels.slice(0, end)}<g class="cluster-labels">\n${labels.join('\n')}\n</g>\n${withoutLabels.slice(end)}`;
};
