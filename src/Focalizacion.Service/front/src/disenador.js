// The workflow designer (/disenador): bpmn-js's Modeler with our moddle extension (foc:), the
// palette limited to what the engine runs, the Spanish texts, a properties panel for our settings,
// validation as one edits, opening a file, downloading the XML and saving a draft. Everything it
// needs from the server comes from GET /api/v1/disenador/ajustes; the page gives the URLs in data-
// attributes (no inline script: the CSP forbids it). The bpmn.io watermark stays, as its licence asks.
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import traduccion from './disenador/traduccion.js';
import paleta from './disenador/paleta.js';
import propiedades from './disenador/propiedades.js';
import { mountValidation } from './disenador/validacion.js';
import { mountSimulation } from './disenador/simulacion.js';
import { enviarXml, leerJson } from './disenador/servidor.js';

/** The region the plazo evaluation starts with (Ñuble). */
const regionInicial = 'NB';

async function iniciar(raiz) {
  const estadoTexto = raiz.querySelector('[data-disenador-estado]');
  const decir = (texto) => { estadoTexto.textContent = texto; };
  const ajustes = await leerJson(raiz.dataset.ajustes);
  const lienzo = raiz.querySelector('[data-lienzo]');
  const anioBase = new Date().getFullYear() + 1; // the next budget year
  const estado = { region: regionInicial, anio: anioBase, anioBase, plazos: [], problemas: [] };
  const modeler = new Modeler({
    container: lienzo,
    propertiesPanel: { parent: raiz.querySelector('[data-propiedades]') },
    moddleExtensions: { foc: ajustes.moddle },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, traduccion, paleta, propiedades],
    focalizacion: { elementos: ajustes.elementos, ajustes, estado },
  });
  mountValidation(modeler, raiz.querySelector('[data-problemas]'), raiz.querySelector('[data-problemas-resumen]'), estado);
  mountSimulation(modeler, raiz.querySelector('[data-simulacion]'), ajustes);
  const translate = modeler.get('translate');

  // Fits the diagram in the part of the canvas the palette leaves free (fit-viewport alone puts its left under the palette).
  function encuadrar() {
    const canvas = modeler.get('canvas');
    const paleta = raiz.querySelector('.djs-palette');
    const { inner, outer } = canvas.viewbox();
    const margen = paleta ? paleta.getBoundingClientRect().right - lienzo.getBoundingClientRect().left + 12 : 12;
    const escala = Math.min((outer.width - margen - 12) / inner.width, (outer.height - 24) / inner.height, 1);
    if (!(escala > 0 && Number.isFinite(escala))) {
      canvas.zoom('fit-viewport');
      return;
    }
    canvas.viewbox({ x: inner.x - margen / escala, y: inner.y - 12 / escala, width: outer.width / escala, height: outer.height / escala });
  }

  async function abrir(xml, origen) {
    raiz.dataset.estado = 'cargando';
    try {
      const { warnings } = await modeler.importXML(xml);
      encuadrar();
      const avisos = warnings.map((w) => w.message).filter(Boolean);
      decir('Abierto: ' + origen + '.' + (avisos.length ? ' Avisos al dibujarlo: ' + avisos.slice(0, 5).join(' · ') : ''));
      raiz.dataset.estado = 'listo';
    } catch (error) {
      decir('No se pudo abrir ' + origen + ': ' + translate(error.message));
      raiz.dataset.estado = 'error';
    }
  }

  raiz.querySelector('[data-abrir-archivo]').addEventListener('change', async (event) => {
    const archivo = event.target.files[0];
    if (!archivo) return;
    if (archivo.size > Number(raiz.dataset.tamanoMaximo)) {
      decir('El archivo ' + archivo.name + ' es demasiado grande.');
      return;
    }
    await abrir(await archivo.text(), 'el archivo ' + archivo.name);
    event.target.value = '';
    if (raiz.dataset.estado === 'listo') {
      // What is edited now is the file, no longer the definition the page opened with.
      document.querySelector('[data-disenador-editado]').textContent = 'Se edita el archivo ' + archivo.name + '.';
    }
  });

  function nombreDeArchivo() {
    const root = modeler.getDefinitions() && modeler.get('canvas').getRootElement().businessObject;
    return ((root && root.id) || 'flujo') + '.bpmn';
  }

  raiz.querySelector('[data-descargar]').addEventListener('click', async () => {
    const { xml } = await modeler.saveXML({ format: true });
    const enlace = document.createElement('a');
    enlace.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    enlace.download = nombreDeArchivo();
    document.body.append(enlace);
    enlace.click();
    enlace.remove();
    setTimeout(() => URL.revokeObjectURL(enlace.href), 1000);
  });

  const guardado = raiz.querySelector('[data-guardado]');
  raiz.querySelector('[data-guardar]').addEventListener('click', async () => {
    guardado.textContent = 'Guardando…';
    const { xml } = await modeler.saveXML({ format: true });
    const r = await enviarXml(raiz.dataset.guardarUrl, xml);
    if (!r.ok) {
      guardado.textContent = 'No se guardó: ' + (r.datos.detail || r.estado);
      return;
    }
    const problemas = r.datos.problemas || [];
    guardado.replaceChildren(
      'Se guardó el borrador N° ' + r.datos.id + (problemas.length ? ', con ' + problemas.length + ' problema(s): no se podrá publicar hasta corregirlos. ' : '. '),
      Object.assign(document.createElement('a'), { href: '/administracion/definiciones', textContent: 'Ver las definiciones' }));
  });

  if (raiz.dataset.xml) {
    const r = await fetch(raiz.dataset.xml, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
    if (r.ok) {
      await abrir(await r.text(), raiz.dataset.origen);
    } else {
      decir('No se pudo leer la definición (' + r.status + ').');
      raiz.dataset.estado = 'error';
    }
  } else {
    await modeler.createDiagram();
    decir('Diagrama nuevo.');
    raiz.dataset.estado = 'listo';
  }
}

document.querySelectorAll('[data-disenador]').forEach((raiz) => {
  iniciar(raiz).catch((error) => {
    raiz.querySelector('[data-disenador-estado]').textContent = 'No se pudo iniciar el diseñador: ' + error.message;
  });
});
