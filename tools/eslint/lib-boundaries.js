// ESLint rule: a lib is reached only through its public entry `@tradefloor/<lib>` (libs/<lib>/src/index.ts).
// Forbids `@tradefloor/<lib>/<anything>` and relative paths that reach into another lib or from an app into a lib.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

function ownerOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'libs' || rel[0] === 'apps') return `${rel[0]}/${rel[1]}`;
  return rel[0];
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'import other libs only through their index.ts (@tradefloor/<lib>)' },
    schema: [],
    messages: {
      deep: 'Import "{{source}}" reaches inside lib "{{lib}}": import from "@tradefloor/{{lib}}" instead.',
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const owner = ownerOf(filename);
    function check(node, source) {
      if (typeof source !== 'string') return;
      const alias = /^@tradefloor\/([a-z-]+)\/.+/.exec(source);
      if (alias) {
        context.report({ node, messageId: 'deep', data: { source, lib: alias[1] } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(filename), source)).split(path.sep);
      if (target[0] !== 'libs' || !target[1]) return;
      if (`libs/${target[1]}` === owner) return;
      context.report({ node, messageId: 'deep', data: { source, lib: target[1] } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
