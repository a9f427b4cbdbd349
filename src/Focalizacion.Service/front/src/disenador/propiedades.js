// Our settings in bpmn-js-properties-panel: a provider built from what the server declares (GET
// /api/v1/disenador/ajustes: each handler with its settings, the settings of other kinds of node),
// so a setting added to the import catalog shows here without touching this file. For timers, the
// plazo rule with its evaluation as one types (POST /api/v1/disenador/plazo).
import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { SelectEntry, TextFieldEntry, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import { enviarJson } from './servidor.js';

const prefijo = 'foc:';

function capitalizar(texto) { return texto ? texto[0].toUpperCase() + texto.slice(1) : texto; }

function definicionTemporizador(bo) {
  return (bo.eventDefinitions || []).find((d) => is(d, 'bpmn:TimerEventDefinition'));
}

/** The kinds of node (the server's NodeKind keys) an element is. */
function clases(element) {
  const bo = element.businessObject;
  const lista = [];
  if (definicionTemporizador(bo)) lista.push('temporizador');
  if (is(bo, 'bpmn:ReceiveTask')) lista.push('tarea-recepcion');
  if (is(bo, 'bpmn:FlowNode') && !is(bo, 'bpmn:ServiceTask')) lista.push('nodo');
  return lista;
}

function valor(element, nombre) { return element.businessObject.get(prefijo + nombre) || ''; }

function aplica(element, ajuste) {
  return !ajuste.soloSi || valor(element, ajuste.soloSi.ajuste) === ajuste.soloSi.valor;
}

function fijar(modeling, element, nombre, nuevo) {
  modeling.updateProperties(element, { [prefijo + nombre]: nuevo ? nuevo : undefined });
}

function SettingSelect(props) {
  const { element, id, ajuste, estado } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const opciones = () => {
    const valores = [...(ajuste.valores || []), ...(ajuste.admitePlazos ? estado.plazos : [])];
    const actual = valor(element, ajuste.nombre);
    if (actual && !valores.includes(actual)) valores.push(actual);
    return [{ value: '', label: translate('<none>') }, ...[...new Set(valores)].map((v) => ({ value: v, label: v }))];
  };
  return h(SelectEntry, {
    element, id, label: capitalizar(ajuste.nombre), description: ajuste.descripcion,
    getValue: () => valor(element, ajuste.nombre),
    setValue: (nuevo) => fijar(modeling, element, ajuste.nombre, nuevo),
    getOptions: opciones,
  });
}

function SettingText(props) {
  const { element, id, ajuste } = props;
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element, id, label: capitalizar(ajuste.nombre), description: ajuste.descripcion, debounce,
    getValue: () => valor(element, ajuste.nombre),
    setValue: (nuevo) => fijar(modeling, element, ajuste.nombre, nuevo),
  });
}

/** A list setting with allowed values (destinatarios): one checkbox per value, stored as "a, b". */
function SettingChecks(props) {
  const { element, id, ajuste } = props;
  const modeling = useService('modeling');
  const elegidos = valor(element, ajuste.nombre).split(/[\s,;]+/).filter(Boolean);
  const valores = [...new Set([...(ajuste.valores || []), ...elegidos])];
  const cambiar = (v, marcado) => {
    const nuevos = marcado ? [...elegidos, v] : elegidos.filter((e) => e !== v);
    fijar(modeling, element, ajuste.nombre, valores.filter((x) => nuevos.includes(x)).join(', '));
  };
  return h('fieldset', { class: 'bio-properties-panel-entry foc-casillas', 'data-entry-id': id },
    h('legend', { class: 'bio-properties-panel-label' }, capitalizar(ajuste.nombre)),
    valores.map((v) => h('label', { class: 'foc-casilla', key: v },
      h('input', { type: 'checkbox', name: id, value: v, checked: elegidos.includes(v), onChange: (e) => cambiar(v, e.target.checked) }),
      ' ', v)),
    h('p', { class: 'bio-properties-panel-description' }, ajuste.descripcion));
}

function entradaDeAjuste(element, ajuste, estado) {
  const id = 'foc-' + ajuste.nombre;
  if (ajuste.lista && ajuste.valores) {
    return { id, component: SettingChecks, element, ajuste };
  }
  if (ajuste.valores || ajuste.admitePlazos) {
    return { id, component: SettingSelect, element, ajuste, estado, isEdited: isSelectEntryEdited };
  }
  return { id, component: SettingText, element, ajuste, isEdited: isTextFieldEntryEdited };
}

function HandlerSelect(props) {
  const { element, id, manejadores } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  return h(SelectEntry, {
    element, id, label: 'Manejador', description: 'qué hace la tarea de servicio al llegar el flujo',
    getValue: () => valor(element, 'handler'),
    setValue: (nuevo) => fijar(modeling, element, 'handler', nuevo),
    getOptions: () => [{ value: '', label: translate('<none>') }, ...manejadores.map((m) => ({ value: m.nombre, label: m.nombre }))],
  });
}

// The timer's rule: the body of its timeDate (one date) or timeCycle (a series of reminders).
const reglas = { timeDate: 'una fecha', timeCycle: 'una serie de recordatorios' };

function expresion(definicion) {
  for (const clave of ['timeDate', 'timeCycle', 'timeDuration']) {
    if (definicion.get(clave)) return { clave, expr: definicion.get(clave) };
  }
  return { clave: 'timeDate', expr: null };
}

function fijarRegla(servicios, element, definicion, clave, texto) {
  const { modeling, bpmnFactory } = servicios;
  const { clave: actual, expr } = expresion(definicion);
  if (expr && actual === clave) {
    modeling.updateModdleProperties(element, expr, { body: texto });
    return;
  }
  const nueva = bpmnFactory.create('bpmn:FormalExpression', { body: texto, language: 'plazo' });
  modeling.updateModdleProperties(element, definicion, { timeDate: undefined, timeCycle: undefined, timeDuration: undefined, [clave]: nueva });
}

function RuleKind(props) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const definicion = definicionTemporizador(element.businessObject);
  return h(SelectEntry, {
    element, id, label: 'La regla da',
    getValue: () => expresion(definicion).clave,
    setValue: (clave) => fijarRegla({ modeling, bpmnFactory }, element, definicion, clave, (expresion(definicion).expr || {}).body || ''),
    getOptions: () => Object.entries(reglas).map(([value, label]) => ({ value, label })),
  });
}

function RuleText(props) {
  const { element, id } = props;
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  const definicion = definicionTemporizador(element.businessObject);
  return h(TextFieldEntry, {
    element, id, label: 'Regla de plazo', debounce,
    description: 'En castellano, p. ej. «30 de diciembre», «primer día hábil de diciembre», «7 días antes del plazo focalizacion-final».',
    getValue: () => (expresion(definicion).expr || {}).body || '',
    setValue: (texto) => fijarRegla({ modeling, bpmnFactory }, element, definicion, expresion(definicion).clave, texto || ''),
  });
}

/** Where and for which year the rule is evaluated, and what it gives: the server's Spanish text or its Spanish error. */
function RuleEvaluation(props) {
  const { element, id, estado, regiones } = props;
  const bpmnjs = useService('bpmnjs');
  const definicion = definicionTemporizador(element.businessObject);
  const regla = (expresion(definicion).expr || {}).body || '';
  const [region, setRegion] = useState(estado.region);
  const [anio, setAnio] = useState(estado.anio);
  const [respuesta, setRespuesta] = useState(null);
  useEffect(() => {
    let vigente = true;
    const espera = setTimeout(async () => {
      try {
        const { xml } = await bpmnjs.saveXML();
        const r = await enviarJson('/api/v1/disenador/plazo', { xml, elemento: element.id, region, anio: Number(anio) });
        if (vigente) setRespuesta(r);
      } catch (error) {
        if (vigente) setRespuesta({ ok: false, datos: { detail: 'No se pudo consultar el servidor: ' + error.message } });
      }
    }, 250);
    return () => { vigente = false; clearTimeout(espera); };
  }, [element.id, regla, region, anio]);
  const anios = [];
  for (let a = estado.anioBase - 1; a <= estado.anioBase + 2; a++) anios.push(a);
  const elegirRegion = (e) => { estado.region = e.target.value; setRegion(e.target.value); };
  const elegirAnio = (e) => { estado.anio = Number(e.target.value); setAnio(Number(e.target.value)); };
  let resultado = h('p', { class: 'foc-evaluacion' }, 'Evaluando…');
  if (respuesta && respuesta.ok) {
    const fechas = respuesta.datos.fechas || [];
    resultado = h('div', { class: 'foc-evaluacion' },
      h('p', null, respuesta.datos.texto),
      fechas.length > 1 ? h('ul', { class: 'foc-serie' }, fechas.map((f) => h('li', { key: f.regla + f.fecha }, f.regla + ': ' + f.texto))) : null);
  } else if (respuesta) {
    resultado = h('p', { class: 'foc-evaluacion foc-evaluacion--error' }, 'Error: ' + (respuesta.datos.detail || respuesta.datos.title || 'la regla no se pudo evaluar'));
  }
  // The evaluation right under the rule (it names its region and year), the choice of both after it.
  return h('div', { class: 'bio-properties-panel-entry foc-plazo', 'data-entry-id': id },
    h('div', { 'aria-live': 'polite', 'data-plazo-evaluacion': '' }, resultado),
    h('div', { class: 'foc-plazo__donde' },
      h('label', { class: 'bio-properties-panel-label', for: id + '-region' }, 'Región'),
      h('select', { id: id + '-region', class: 'bio-properties-panel-input', value: region, onChange: elegirRegion },
        regiones.map((r) => h('option', { key: r.codigo, value: r.codigo }, r.nombre))),
      h('label', { class: 'bio-properties-panel-label', for: id + '-anio' }, 'Año presupuestario'),
      h('select', { id: id + '-anio', class: 'bio-properties-panel-input', value: String(anio), onChange: elegirAnio },
        anios.map((a) => h('option', { key: a, value: String(a) }, String(a))))));
}

function FocalizacionProvider(propertiesPanel, config) {
  const ajustes = config.ajustes;
  const estado = config.estado;
  this.getGroups = (element) => (groups) => {
    const quedan = groups.filter((g) => g.id !== 'timer');
    if (!element.businessObject || !is(element.businessObject, 'bpmn:FlowNode')) return quedan;
    const entries = [];
    const tipos = clases(element);
    if (is(element.businessObject, 'bpmn:ServiceTask')) {
      entries.push({ id: 'foc-handler', component: HandlerSelect, element, manejadores: ajustes.manejadores, isEdited: isSelectEntryEdited });
      const manejador = ajustes.manejadores.find((m) => m.nombre === valor(element, 'handler'));
      for (const ajuste of manejador ? manejador.ajustes : []) {
        if (aplica(element, ajuste)) entries.push(entradaDeAjuste(element, ajuste, estado));
      }
    }
    for (const de of ajustes.ajustesDeNodo) {
      if (tipos.includes(de.aplicaA) && aplica(element, de.ajuste) && !entries.some((e) => e.id === 'foc-' + de.ajuste.nombre)) {
        entries.push(entradaDeAjuste(element, de.ajuste, estado));
      }
    }
    if (entries.length) quedan.push({ id: 'foc-ajustes', label: 'Ajustes del flujo', entries, shouldOpen: true });
    if (tipos.includes('temporizador')) {
      quedan.push({
        id: 'foc-plazo', label: 'Plazo del temporizador', shouldOpen: true, entries: [
          { id: 'foc-regla-clase', component: RuleKind, element, isEdited: isSelectEntryEdited },
          { id: 'foc-regla', component: RuleText, element, isEdited: isTextFieldEntryEdited },
          { id: 'foc-regla-evaluacion', component: RuleEvaluation, element, estado, regiones: ajustes.regiones },
        ],
      });
    }
    return quedan;
  };
  propertiesPanel.registerProvider(500, this);
}

FocalizacionProvider.$inject = ['propertiesPanel', 'config.focalizacion'];

export default {
  __init__: ['focalizacionPropertiesProvider'],
  focalizacionPropertiesProvider: ['type', FocalizacionProvider],
};
