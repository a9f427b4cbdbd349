// The palette, context pad and replace menu offer only the elements the engine runs: the list the
// server gives (GET /api/v1/disenador/ajustes, `elementos`, from the importer's own list), passed
// as the modeler's `focalizacion.elementos` option. Anything else opened from a file stays drawn
// and the validator names it.
import * as ReplaceOptions from 'bpmn-js/lib/features/replace/ReplaceOptions';

// What the palette and the context pad create for each runnable type (boundary events are made by
// dropping a timer on a task; sequence flows by connecting).
const creables = [
  { tipo: 'bpmn:StartEvent', clave: 'start-event', clase: 'bpmn-icon-start-event-none', nombre: 'start event', grupo: 'event' },
  { tipo: 'bpmn:IntermediateCatchEvent', clave: 'timer-catch', clase: 'bpmn-icon-intermediate-event-catch-timer', nombre: 'timer intermediate catch event', grupo: 'event', definicion: 'bpmn:TimerEventDefinition' },
  { tipo: 'bpmn:EndEvent', clave: 'end-event', clase: 'bpmn-icon-end-event-none', nombre: 'end event', grupo: 'event' },
  { tipo: 'bpmn:ExclusiveGateway', clave: 'exclusive-gateway', clase: 'bpmn-icon-gateway-xor', nombre: 'exclusive gateway', grupo: 'gateway' },
  { tipo: 'bpmn:ParallelGateway', clave: 'parallel-gateway', clase: 'bpmn-icon-gateway-parallel', nombre: 'parallel gateway', grupo: 'gateway' },
  { tipo: 'bpmn:ServiceTask', clave: 'service-task', clase: 'bpmn-icon-service', nombre: 'service task', grupo: 'activity' },
  { tipo: 'bpmn:UserTask', clave: 'user-task', clase: 'bpmn-icon-user', nombre: 'user task', grupo: 'activity' },
  { tipo: 'bpmn:ReceiveTask', clave: 'receive-task', clase: 'bpmn-icon-receive', nombre: 'receive task', grupo: 'activity' },
];

const herramientas = ['hand-tool', 'lasso-tool', 'space-tool', 'global-connect-tool', 'tool-separator'];
const delPanel = ['delete', 'connect', 'replace'];

function crear(elementFactory, c) {
  return elementFactory.createShape(c.definicion ? { type: c.tipo, eventDefinitionType: c.definicion } : { type: c.tipo });
}

function capitalizar(texto) { return texto[0].toUpperCase() + texto.slice(1); }

function RestrictedPalette(config, palette, contextPad, popupMenu, elementFactory, create, autoPlace, translate) {
  const permitidos = new Set((config && config.elementos) || []);
  const ofrecidos = creables.filter((c) => permitidos.has(c.tipo));

  palette.registerProvider(500, {
    getPaletteEntries() {
      return (entries) => {
        const quedan = {};
        for (const id of herramientas) {
          if (entries[id]) quedan[id] = entries[id];
        }
        for (const c of ofrecidos) {
          quedan['create.foc-' + c.clave] = {
            group: c.grupo,
            className: c.clase,
            title: translate('Create ' + c.nombre),
            action: {
              dragstart: (event) => create.start(event, crear(elementFactory, c)),
              click: (event) => create.start(event, crear(elementFactory, c)),
            },
          };
        }
        return quedan;
      };
    },
  });

  contextPad.registerProvider(500, {
    getContextPadEntries(element) {
      return (entries) => {
        const quedan = {};
        for (const id of delPanel) {
          if (entries[id]) quedan[id] = entries[id];
        }
        const bo = element.businessObject;
        const termina = element.type === 'label' || !bo || bo.$instanceOf('bpmn:EndEvent') || bo.$instanceOf('bpmn:SequenceFlow');
        if (!termina && autoPlace) {
          for (const c of ofrecidos.filter((o) => o.tipo !== 'bpmn:StartEvent')) {
            quedan['append.foc-' + c.clave] = {
              group: 'model',
              className: c.clase,
              title: translate('Append ' + c.nombre),
              action: { click: (event, source) => autoPlace.append(source, crear(elementFactory, c)) },
            };
          }
        }
        return quedan;
      };
    },
  });

  // The replace menu: its entries carry the option's action name; keep those whose target type runs.
  const destino = new Map();
  for (const lista of Object.values(ReplaceOptions)) {
    if (Array.isArray(lista)) {
      for (const opcion of lista) {
        if (opcion && opcion.actionName && opcion.target) destino.set(opcion.actionName, opcion.target);
      }
    }
  }
  popupMenu.registerProvider('bpmn-replace', 500, {
    getPopupMenuEntries() {
      return (entries) => {
        const quedan = {};
        for (const [id, entrada] of Object.entries(entries)) {
          const target = destino.get(id);
          const corre = target ? permitidos.has(target.type) : id === 'replace-with-sequence-flow' || id === 'replace-with-default-flow';
          if (corre) quedan[id] = entrada;
        }
        return quedan;
      };
    },
    getPopupMenuHeaderEntries() { return () => ({}); },
  });
  this.ofrecidos = ofrecidos.map((c) => capitalizar(c.nombre));
}

RestrictedPalette.$inject = ['config.focalizacion', 'palette', 'contextPad', 'popupMenu', 'elementFactory', 'create', 'autoPlace', 'translate'];

export default {
  __init__: ['focalizacionPalette'],
  focalizacionPalette: ['type', RestrictedPalette],
};
