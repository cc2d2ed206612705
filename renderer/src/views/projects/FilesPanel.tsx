/** The lines of the project's files that matter for the secrets backend (values from .env masked). */
import { Icon, Tag } from '@blueprintjs/core';
import type { ProjectFileFacts } from '../../../../shared/api';
import { ExactName } from '../../components';

const ENDING: Record<ProjectFileFacts['lineEnding'], string | null> = { lf: 'LF', crlf: 'CRLF', mixed: 'mixed line endings', none: null };

export function FilesPanel({ files }: { files: readonly ProjectFileFacts[] }) {
  return (
    <div className="files-panel" data-testid="files-panel">
      {files.map((file) => (
        <div key={file.file} className="file-facts" data-testid="file-facts" data-file={file.file}>
          <div className="file-facts-head">
            <Icon icon="document" /> <ExactName className="mono file-facts-name" text={file.file} />
            {!file.exists ? <Tag minimal intent="warning">missing</Tag> : null}
            {ENDING[file.lineEnding] !== null ? <Tag minimal>{ENDING[file.lineEnding]}</Tag> : null}
          </div>
          {file.exists && file.lines.length === 0 ? <div className="muted file-facts-empty">Nothing about the secrets backend here.</div> : null}
          {file.lines.length > 0 ? (
            <div className="file-lines">
              {file.lines.map((line) => (
                <div key={line.line} className="file-line">
                  <span className="diff-no">{line.line}</span>
                  <span className="mono file-line-text">
                    <ExactName text={line.text} />
                    {line.masked ? <Icon icon="lock" size={11} className="evidence-lock" title="Value hidden" /> : null}
                  </span>
                  {line.note !== null ? <span className="muted file-line-note">{line.note}</span> : null}
                </div>
              ))}
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}
