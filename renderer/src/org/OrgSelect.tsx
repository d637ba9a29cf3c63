import { flatten, type TreeModel } from './org-tree-model.js';
import { ORG_KIND_NAMES, display } from '../codes/code-names.js';

/** Organisation picker as an indented <select> (small trees; the members page uses OrgTree). */
export function OrgSelect({ model, value, onChange, testId, placeholder = '请选择组织' }: { model: TreeModel; value: string; onChange: (id: string) => void; testId?: string; placeholder?: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{placeholder}</option>
      {flatten(model).map(({ node, level }) => (
        <option key={node.id} value={node.id}>
          {'\u3000'.repeat(level)}
          {node.name}（{display(ORG_KIND_NAMES, node.kind)}）
        </option>
      ))}
    </select>
  );
}
