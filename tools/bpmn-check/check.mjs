#!/usr/bin/env node
// Comprueba, sin navegador, que un archivo BPMN se abre limpio en bpmn-js con su diagrama:
//   node tools/bpmn-check/check.mjs <archivo.bpmn> [descriptor.moddle.json]
// Lo lee bpmn-moddle (el mismo modelo que usa bpmn-js) con nuestra extensión foc:
// (workflows/focalizacion.moddle.json por omisión) y exige:
//   - ninguna advertencia de importación (elementos o atributos desconocidos, referencias sin resolver);
//   - un diagrama para cada proceso, un BPMNShape con bounds para cada nodo y un BPMNEdge con
//     al menos dos waypoints para cada flujo de secuencia (lo que bpmn-js necesita para dibujarlos);
//   - que las formas de dos nodos no se solapen (los eventos de borde no cuentan: van sobre el
//     borde de su tarea, y deben tocarla).
// Sale con 0 si todo está bien; si no, imprime una línea en español por problema, con el id del
// elemento, y sale con 1. Sale con 2 si no puede leer el archivo o no es BPMN.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultDescriptor = path.join(here, '..', '..', 'workflows', 'focalizacion.moddle.json');

const [file, descriptorFile = defaultDescriptor] = process.argv.slice(2);
if (!file) {
  console.error('uso: node check.mjs <archivo.bpmn> [descriptor.moddle.json]');
  process.exit(2);
}

let xml;
let descriptor;
try {
  xml = await readFile(file, 'utf8');
  descriptor = JSON.parse(await readFile(descriptorFile, 'utf8'));
} catch (error) {
  console.error(`no se pudo leer: ${error.message}`);
  process.exit(2);
}

const moddle = new BpmnModdle({ [descriptor.prefix]: descriptor });
let definitions;
let warnings;
try {
  ({ rootElement: definitions, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions'));
} catch (error) {
  console.error(`${path.basename(file)}: no es un BPMN legible: ${error.message.split('\n')[0]}`);
  process.exit(2);
}

const problems = [];
const report = (id, reason) => problems.push(`${id ?? '(sin id)'}: ${reason}`);

// 1. Advertencias de importación: bpmn-js las muestra al abrir el archivo.
for (const warning of warnings) {
  const message = warning.message.split('\n')[0];
  let match;
  if ((match = /^unknown attribute <(.+)>$/.exec(message))) {
    report(warning.element?.id ?? enclosingId(warning.element), `atributo desconocido ${match[1]}="${warning.value}"`);
  } else if ((match = /^unresolved reference <(.+)>$/.exec(message))) {
    report(warning.element?.id, `la referencia ${warning.property} apunta a «${match[1]}», que no existe`);
  } else if ((match = /^unparsable content (.*?)\s*detected$/.exec(message))) {
    // saxen cuenta líneas y columnas desde 0.
    const line = Number(/line: (\d+)/.exec(warning.message)?.[1]);
    const column = Number(/column: (\d+)/.exec(warning.message)?.[1]);
    const nested = /nested error: (.*)$/m.exec(warning.message)?.[1] ?? '';
    const unknownType = /unknown type <(.+)>/.exec(nested)?.[1];
    const what = unknownType ? `elemento desconocido <${unknownType}>` : `contenido no reconocido ${match[1] || ''}`.trim();
    report(idAt(line, column), Number.isFinite(line) ? `${what} (línea ${line + 1})` : what);
  } else {
    report(warning.element?.id, `advertencia de importación: ${message}`);
  }
}

// 2. Lo que el diagrama dibuja: elementos de DI por elemento del proceso.
const diagrams = definitions.diagrams ?? [];
const diByElement = new Map();
for (const diagram of diagrams) {
  for (const di of diagram.plane?.planeElement ?? []) {
    const target = di.bpmnElement;
    if (!target) {
      if (!warnings.some(w => w.element === di)) {
        report(di.id, 'elemento del diagrama sin bpmnElement');
      }
      continue;
    }
    const list = diByElement.get(target) ?? [];
    list.push(di);
    diByElement.set(target, list);
  }
}

const planeTargets = new Set(diagrams.map(d => d.plane?.bpmnElement).filter(Boolean));
const drawnProcesses = new Set();
for (const target of planeTargets) {
  if (target.$instanceOf('bpmn:Process')) {
    drawnProcesses.add(target);
  } else if (target.$instanceOf('bpmn:Collaboration')) {
    for (const participant of target.participants ?? []) {
      if (participant.processRef) {
        drawnProcesses.add(participant.processRef);
      }
    }
  }
}

const nodeShapes = [];
const processes = (definitions.rootElements ?? []).filter(e => e.$instanceOf('bpmn:Process'));
for (const process_ of processes) {
  if (!drawnProcesses.has(process_)) {
    report(process_.id, 'el proceso no tiene diagrama (ningún BPMNPlane lo dibuja)');
  }
  for (const element of flowElements(process_)) {
    const isNode = element.$instanceOf('bpmn:FlowNode');
    const isFlow = element.$instanceOf('bpmn:SequenceFlow');
    if (!isNode && !isFlow) {
      continue;
    }
    const dis = diByElement.get(element) ?? [];
    if (dis.length > 1) {
      report(element.id, `tiene ${dis.length} elementos en el diagrama (${dis.map(d => d.id).join(', ')}); bpmn-js dibuja solo uno`);
    }
    const di = dis[0];
    if (isNode) {
      if (!di) {
        report(element.id, 'falta su BPMNShape en el diagrama: bpmn-js no lo dibuja');
      } else if (!di.$instanceOf('bpmndi:BPMNShape')) {
        report(element.id, `su elemento de diagrama ${di.id} no es un BPMNShape`);
      } else if (validBounds(di.bounds)) {
        nodeShapes.push({ element, di });
      }
    } else if (!di) {
      report(element.id, 'falta su BPMNEdge en el diagrama: bpmn-js no dibuja el flujo');
    } else if (!di.$instanceOf('bpmndi:BPMNEdge')) {
      report(element.id, `su elemento de diagrama ${di.id} no es un BPMNEdge`);
    }
  }
}

// 3. Geometría de cada forma y arista del diagrama.
for (const diagram of diagrams) {
  for (const di of diagram.plane?.planeElement ?? []) {
    const id = di.bpmnElement?.id ?? di.id;
    if (di.$instanceOf('bpmndi:BPMNShape') && !validBounds(di.bounds)) {
      report(id, `su BPMNShape ${di.id} no tiene dc:Bounds con x, y, width y height válidos`);
    }
    if (di.$instanceOf('bpmndi:BPMNEdge')) {
      const points = di.waypoint ?? [];
      if (points.length < 2) {
        report(id, `su BPMNEdge ${di.id} tiene ${points.length} waypoint(s); hacen falta al menos 2`);
      } else if (points.some(p => !Number.isFinite(p.x) || !Number.isFinite(p.y))) {
        report(id, `su BPMNEdge ${di.id} tiene waypoints sin x o y`);
      }
    }
  }
}

// 4. Solapes entre nodos; los eventos de borde deben tocar a su tarea.
const placed = nodeShapes.filter(s => !s.element.$instanceOf('bpmn:BoundaryEvent'));
for (let i = 0; i < placed.length; i++) {
  for (let j = i + 1; j < placed.length; j++) {
    const a = placed[i];
    const b = placed[j];
    if (sameContainer(a.element, b.element) && overlap(a.di.bounds, b.di.bounds)) {
      report(a.element.id, `su forma se solapa con la de ${b.element.id} (${box(a.di.bounds)} y ${box(b.di.bounds)})`);
    }
  }
}
for (const { element, di } of nodeShapes.filter(s => s.element.$instanceOf('bpmn:BoundaryEvent'))) {
  const host = nodeShapes.find(s => s.element === element.attachedToRef);
  if (host && !touches(di.bounds, host.di.bounds)) {
    report(element.id, `evento de borde lejos de su tarea ${host.element.id} (${box(di.bounds)} y ${box(host.di.bounds)})`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) {
    console.log(problem);
  }
  process.exit(1);
}
console.log(`${path.basename(file)}: se abre limpio en bpmn-js (${nodeShapes.length} nodos dibujados)`);
process.exit(0);

function* flowElements(container) {
  for (const element of container.flowElements ?? []) {
    yield element;
    if (element.$instanceOf('bpmn:SubProcess')) {
      yield* flowElements(element);
    }
  }
}

function sameContainer(a, b) {
  return a.$parent === b.$parent;
}

function validBounds(bounds) {
  return bounds !== undefined
    && [bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isFinite)
    && bounds.width > 0 && bounds.height > 0;
}

function overlap(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function touches(a, b) {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

function box(b) {
  return `x=${b.x} y=${b.y} ${b.width}×${b.height}`;
}

function enclosingId(element) {
  for (let e = element; e; e = e.$parent) {
    if (e.id) {
      return e.id;
    }
  }
  return undefined;
}

// El id del elemento abierto más interno en (línea, columna), contadas desde 0, del texto: las advertencias de
// contenido no reconocido solo traen la posición.
function idAt(line, column) {
  if (!Number.isFinite(line)) {
    return undefined;
  }
  const lines = xml.split('\n');
  const offset = lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + (Number.isFinite(column) ? column : 0);
  const text = xml.slice(0, offset).replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g, '');
  const open = [];
  for (const [, closing, , attributes, selfClosing] of text.matchAll(/<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g)) {
    if (closing) {
      open.pop();
    } else if (!selfClosing) {
      open.push(/\sid="([^"]*)"/.exec(attributes)?.[1]);
    }
  }
  return open.findLast(id => id !== undefined);
}
