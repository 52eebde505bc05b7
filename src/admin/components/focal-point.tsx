import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { useApi } from '../hooks.js';
import { useText } from '../i18n/index.js';
import { can, useSession } from '../session.js';
import { CENTRE, cropWindow, roundFocalPoint, type FocalPoint } from '../../media/focal-point.js';
import type { MediaItem } from '../types.js';
import { FormError } from './form.js';

/** How far an arrow key moves the point (Shift: a tenth of the picture). */
const STEP = 0.01;
const BIG_STEP = 0.1;
/** A pause after the last move before the point is saved: each save cuts the crops again. */
const SAVE_AFTER_MS = 400;

const WIDE = { width: 16, height: 9 };
const SQUARE = { width: 1, height: 1 };

const clamp = (value: number) => Math.min(1, Math.max(0, value));
const percent = (value: number) => `${Math.round(value * 100)}%`;

/** A picture small enough for the screen: the widest WebP variant up to 960 pixels, or the original. */
function screenSized(item: MediaItem): string {
  const fitting = item.variants.filter((v) => v.format === 'webp' && v.width <= 960);
  return fitting.length > 0 ? fitting[fitting.length - 1].url : item.url;
}

/** A cut of the picture as the server makes it (the same cropWindow), drawn by scaling the picture in a box of the ratio. */
function CutPreview({ item, src, point, label, ratio }: { item: MediaItem & { width: number; height: number }; src: string; point: FocalPoint; label: string; ratio: { width: number; height: number } }) {
  const cut = cropWindow(item.width, item.height, ratio, point);
  const style = {
    width: `${(item.width / cut.width) * 100}%`,
    left: `${(-cut.left / cut.width) * 100}%`,
    top: `${(-cut.top / cut.height) * 100}%`,
  };
  return (
    <figure class="focal-cut">
      <div class="focal-cut-frame" style={{ aspectRatio: `${ratio.width} / ${ratio.height}` }}>
        <img src={src} alt="" style={style} />
      </div>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/**
 * The focal point of a library picture: the picture, a marker where the point is, and the 16:9
 * and 1:1 cuts it gives. A click on the picture puts the point there; with the picture focused,
 * arrow keys move it. Each change is saved with the picture (its crops are cut again on the
 * server) for every story that shows it. A role that may not describe pictures, or a story the
 * person may only read (`readOnly`), sees the point and its cuts without the means to move it.
 */
export function FocalPointPicker({ mediaId, readOnly = false }: { mediaId: number; readOnly?: boolean }) {
  const t = useText();
  const locked = readOnly || !can(useSession(), 'media.describe.own');
  const loaded = useApi<MediaItem>(`/media/${mediaId}`);
  const [point, setPoint] = useState<FocalPoint | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const item = loaded.data;

  useEffect(() => setPoint(item?.focalPoint ?? null), [item]);
  useEffect(() => () => clearTimeout(timer.current), []);
  if (!item || !item.width || !item.height) return <FormError error={loaded.error} />;
  const sized = item as MediaItem & { width: number; height: number };
  const shown = point ?? CENTRE;
  const src = screenSized(item);

  const change = (next: FocalPoint | null) => {
    const kept = next && roundFocalPoint({ x: clamp(next.x), y: clamp(next.y) });
    setPoint(kept);
    setState('saving');
    setError(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api.patch<MediaItem>(`/media/${mediaId}`, { focalPoint: kept }).then(
        () => setState('saved'),
        (caught: ApiError) => (setState('idle'), setError(caught)),
      );
    }, SAVE_AFTER_MS);
  };
  const onClick = (event: MouseEvent) => {
    // Enter or Space on the focused picture is a click at no position: the keys move the point.
    if (event.detail === 0) return;
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    change({ x: (event.clientX - box.left) / box.width, y: (event.clientY - box.top) / box.height });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    change({ x: shown.x + move[0], y: shown.y + move[1] });
  };

  const marker = <span class="focal-marker" aria-hidden="true" style={{ left: percent(shown.x), top: percent(shown.y) }} />;
  const cuts = (
    <div class="focal-cuts">
      <CutPreview item={sized} src={src} point={shown} label={t.media.wideCut} ratio={WIDE} />
      <CutPreview item={sized} src={src} point={shown} label="1:1" ratio={SQUARE} />
    </div>
  );
  const status = point ? t.format(t.media.focalAt, { x: percent(point.x), y: percent(point.y) }) : t.media.focalCentre;
  if (locked) {
    return (
      <div class="focal-point">
        <div class="focal-frame">
          <img src={src} alt="" />
          {marker}
        </div>
        <p class="focal-status">{t.format(t.media.focalState, { state: status })}</p>
        {cuts}
      </div>
    );
  }

  return (
    <div class="focal-point">
      <p class="focal-help" id={`focal-help-${mediaId}`}>
        {t.media.focalHelp}
      </p>
      <button
        type="button"
        class="focal-frame"
        aria-label={t.format(t.media.focalButton, { x: percent(shown.x), y: percent(shown.y) })}
        aria-describedby={`focal-help-${mediaId}`}
        onClick={onClick}
        onKeyDown={onKeyDown}
      >
        <img src={src} alt="" draggable={false} />
        {marker}
      </button>
      <div class="focal-status">
        <span>{status}</span>
        {point && (
          <button type="button" class="link" onClick={() => change(null)}>
            {t.media.backToCentre}
          </button>
        )}
        <span role="status">{state === 'saving' ? t.media.saving : state === 'saved' ? t.media.saved : ''}</span>
      </div>
      <FormError error={error} />
      {cuts}
    </div>
  );
}
