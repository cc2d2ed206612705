/** Editing a secret's tags as key/value rows. Keys starting with aws: belong to AWS and stay read-only. */
import { Button, InputGroup, Tag } from '@blueprintjs/core';
import type { SecretTag } from '../../../../shared/api';

export function TagsEditor({ tags, onChange }: { tags: readonly SecretTag[]; onChange: (tags: SecretTag[]) => void }) {
  const update = (index: number, patch: Partial<SecretTag>) => onChange(tags.map((tag, i) => (i === index ? { ...tag, ...patch } : tag)));
  return (
    <div className="tags-editor" data-testid="tags-editor">
      {tags.map((tag, index) => {
        const reserved = tag.key.toLowerCase().startsWith('aws:');
        return (
          <div className="tag-row" key={index}>
            <InputGroup size="small" value={tag.key} placeholder="key" disabled={reserved} onValueChange={(key) => update(index, { key })} className="mono" />
            <InputGroup size="small" value={tag.value} placeholder="value" disabled={reserved} onValueChange={(value) => update(index, { value })} className="mono" />
            {reserved ? <Tag minimal>AWS</Tag> : <Button size="small" variant="minimal" icon="cross" aria-label="Remove this tag" onClick={() => onChange(tags.filter((_, i) => i !== index))} />}
          </div>
        );
      })}
      <Button size="small" variant="minimal" icon="add" text="Add tag" onClick={() => onChange([...tags, { key: '', value: '' }])} data-testid="add-tag" />
    </div>
  );
}
