// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DiffView } from '../../../renderer/src/components/DiffView';

afterEach(cleanup);

describe('DiffView', () => {
  const before = 'FROM runtime\nAWS_SECRET_ACCESS_KEY=old-secret-value\n';
  const after = 'FROM runtime\nAWS_SECRET_ACCESS_KEY=new-secret-value\n';
  const isSecretLine = (line: { text: string }) => line.text.startsWith('AWS_SECRET_ACCESS_KEY');

  it('masks secret lines but keeps the variable name readable', () => {
    render(<DiffView before={before} after={after} isSecretLine={isSecretLine} />);
    expect(document.body.textContent).not.toContain('secret-value');
    expect(document.body.textContent).toContain('AWS_SECRET_ACCESS_KEY=');
  });

  it('reveals one line at a time', () => {
    render(<DiffView before={before} after={after} isSecretLine={isSecretLine} />);
    const reveals = screen.getAllByTestId('diff-reveal');
    expect(reveals).toHaveLength(2);
    fireEvent.click(reveals[1]!);
    expect(document.body.textContent).toContain('new-secret-value');
    expect(document.body.textContent).not.toContain('old-secret-value');
  });

  it('says so when nothing changes', () => {
    render(<DiffView before={before} after={before} />);
    expect(document.body.textContent).toContain('No changes.');
  });
});
