// Where a badge goes beside a diagram element without covering another element or label, for every
// diagram that marks elements with one (the version comparison's changes, the designer's problems).
// A fixed offset (14 px above the element) put a boundary event's badge inside the task it sits on,
// over that task's name; so the first place of a few around the element that is free is taken: above
// it, right of it, below its own label, left of it (the least covered one when none is free), within
// the drawing's extent.
import { getBBox } from 'diagram-js/lib/util/Elements';

const GAP = 3;

/** Elements that hold others, whose area a badge may cover: the badge goes inside them. */
const CONTAINERS = new Set(['bpmn:Participant', 'bpmn:Lane', 'bpmn:Group']);

const overlap = (a, b) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** The point halfway along a flow's path. */
function middle(waypoints) {
  const segments = waypoints.slice(1).map((to, i) => ({ from: waypoints[i], to, length: Math.hypot(to.x - waypoints[i].x, to.y - waypoints[i].y) }));
  let rest = segments.reduce((sum, s) => sum + s.length, 0) / 2;
  for (const { from, to, length } of segments) {
    if (rest <= length && length > 0) {
      return { x: from.x + (to.x - from.x) * rest / length, y: from.y + (to.y - from.y) * rest / length };
    }
    rest -= length;
  }
  return { x: waypoints[0].x, y: waypoints[0].y };
}

/** The boxes (diagram coordinates) a badge of <element> must not cover: every other shape and label. */
function obstacles(viewer, element) {
  const root = viewer.get('canvas').getRootElement();
  return viewer.get('elementRegistry')
    .filter((e) => e !== element && e !== root && !e.waypoints && !CONTAINERS.has(e.type) && !e.hidden)
    .map((e) => ({ x: e.x, y: e.y, width: e.width, height: e.height }));
}

/**
 * Adds <badge> as an overlay of <element>, in the first free place around it; <placed> holds the
 * boxes of the badges already placed in this diagram (so two do not cover each other) and gets this
 * one's. <type>, if given, is the overlay's type (so that overlays.remove({ type }) removes them all).
 */
export function placeBadge(viewer, element, badge, placed, type) {
  const overlays = viewer.get('overlays');
  // Measured where it is drawn (the overlay scales with the diagram, so its size is in diagram units).
  const probe = overlays.add(element, { position: { top: 0, left: 0 }, html: badge });
  const width = badge.offsetWidth;
  const height = badge.offsetHeight;
  overlays.remove(probe);
  // A flow's badge goes by its path's middle point (its bounding box's middle may be far off an elbow).
  const origin = getBBox(element);
  const box = element.waypoints ? { ...middle(element.waypoints), width: 0, height: 0 } : origin;
  const own = element.label && !element.label.hidden ? getBBox([box, element.label]) : box;
  const middleX = box.x + (box.width - width) / 2;
  const middleY = box.y + (box.height - height) / 2;
  const candidates = [
    { x: middleX, y: box.y - height - GAP },
    { x: box.x + box.width + GAP, y: middleY },
    { x: middleX, y: own.y + own.height + GAP },
    { x: box.x - width - GAP, y: middleY },
  ].map((c) => ({ ...c, width, height }));
  const blocked = [...obstacles(viewer, element), ...placed];
  // Beyond the drawing counts as covered: the diagram is framed on its drawing with a small margin,
  // which cut a badge above an element of the top row (the designer's file opened from disk).
  const { inner } = viewer.get('canvas').viewbox();
  const covered = (c) => blocked.reduce((sum, b) => sum + overlap(c, b), width * height - overlap(c, inner));
  const chosen = candidates.find((c) => covered(c) === 0)
    ?? candidates.reduce((best, c) => (covered(c) < covered(best) ? c : best));
  placed.push(chosen);
  overlays.add(element, type, { position: { top: chosen.y - origin.y, left: chosen.x - origin.x }, html: badge });
}
