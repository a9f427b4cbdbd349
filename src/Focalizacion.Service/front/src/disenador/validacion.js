// Validation as one edits: after each change (debounced), the XML goes to POST
// /api/v1/disenador/validar, which answers the import problems `definicion validar` gives, per
// element. Each element with a problem is marked on the diagram (class foc-problema and a badge)
// and listed; clicking an entry selects the element and scrolls to it. The badge goes where it covers
// no other element, label or badge (comun/insignia.js): at a fixed offset it sat on the neighbours' names.
import { placeBadge } from '../comun/insignia.js';
import { enviarXml } from './servidor.js';

const marca = 'foc-problema';

export function mountValidation(modeler, lista, resumen, estado) {
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  const overlays = modeler.get('overlays');
  const selection = modeler.get('selection');
  const eventBus = modeler.get('eventBus');
  let marcados = [];
  let espera = null;
  let turno = 0;

  function limpiar() {
    for (const id of marcados) {
      if (registry.get(id)) canvas.removeMarker(id, marca);
    }
    overlays.remove({ type: marca });
    marcados = [];
  }

  function elegir(id) {
    const elemento = registry.get(id);
    if (!elemento) return;
    selection.select(elemento);
    canvas.scrollToElement(elemento);
  }

  function mostrar(datos) {
    limpiar();
    lista.replaceChildren();
    estado.problemas = datos.problemas || [];
    estado.plazos = datos.plazos || estado.plazos;
    if (datos.esBpmn === false) {
      resumen.textContent = 'El archivo no es un BPMN que el motor pueda leer: ' + datos.motivo;
      return;
    }
    const cuenta = estado.problemas.length;
    resumen.textContent = cuenta === 0
      ? 'Sin problemas: el motor puede ejecutar esta definición.'
      : (cuenta === 1 ? '1 problema' : cuenta + ' problemas') + ': se puede guardar como borrador, pero no publicar hasta corregirlos.';
    const porElemento = new Map();
    for (const p of estado.problemas) {
      const item = document.createElement('li');
      const dibujado = p.elemento && registry.get(p.elemento);
      if (dibujado) {
        const boton = document.createElement('button');
        boton.type = 'button';
        boton.className = 'boton--enlace';
        boton.dataset.elemento = p.elemento;
        boton.textContent = p.elemento + ': ' + p.mensaje;
        boton.addEventListener('click', () => elegir(p.elemento));
        item.append(boton);
        porElemento.set(p.elemento, (porElemento.get(p.elemento) || 0) + 1);
      } else {
        item.textContent = (p.elemento ? p.elemento + ': ' : '') + p.mensaje;
      }
      lista.append(item);
    }
    const puestas = [];
    for (const [id, n] of porElemento) {
      const elemento = registry.get(id);
      if (elemento.type === 'label') continue;
      canvas.addMarker(id, marca);
      marcados.push(id);
      const insignia = document.createElement('span');
      insignia.className = 'foc-problema-insignia';
      insignia.title = n === 1 ? '1 problema' : n + ' problemas';
      insignia.textContent = '!';
      placeBadge(modeler, elemento, insignia, puestas, marca);
    }
  }

  async function validar() {
    const mio = ++turno;
    resumen.textContent = 'Validando…';
    try {
      const { xml } = await modeler.saveXML();
      const r = await enviarXml('/api/v1/disenador/validar', xml);
      if (mio !== turno) return;
      if (!r.ok) {
        limpiar();
        resumen.textContent = 'No se pudo validar: ' + (r.datos.detail || r.estado);
        return;
      }
      mostrar(r.datos);
      eventBus.fire('focalizacion.validado', r.datos);
    } catch (error) {
      if (mio === turno) resumen.textContent = 'No se pudo validar: ' + error.message;
    }
  }

  function programar() {
    clearTimeout(espera);
    espera = setTimeout(validar, 500);
  }

  eventBus.on('commandStack.changed', programar);
  eventBus.on('import.done', programar);
  return { validar };
}
