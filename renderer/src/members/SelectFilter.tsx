import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';
import { useCallback } from 'react';

export interface SelectFilterModel {
  value: string;
}

export interface SelectFilterParams {
  options: { value: string; label: string }[];
}

/** A one-choice column filter; the core does the filtering, so every loaded row passes here. */
export function SelectFilter(props: CustomFilterProps<unknown, unknown, SelectFilterModel> & SelectFilterParams) {
  const doesFilterPass = useCallback(() => true, []);
  useGridFilter({ doesFilterPass });
  const current = props.model?.value ?? '';
  return (
    <div className="select-filter" data-testid={`filter-${props.colDef.field ?? ''}`}>
      <label>
        <input type="radio" name={`f-${props.colDef.field}`} checked={current === ''} onChange={() => props.onModelChange(null)} />
        全部
      </label>
      {props.options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={`f-${props.colDef.field}`} checked={current === o.value} onChange={() => props.onModelChange({ value: o.value })} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
