// The designer's "Simulación" panel: runs the diagram being edited over a budget year (POST
// /api/v1/disenador/simulaciones: the server's importer, engine and handlers in a throwaway
// database, no mail sent) for the chosen regions and scenario, and lists the timeline in Spanish.
// Each entry names the BPMN element that produced it; clicking it selects that element, scrolls
// to it and marks it (class foc-simulado).
import { enviarJson } from './servidor.js';

const marca = 'foc-simulado';

const tipos = { oficio: 'Oficio', recordatorio: 'Recordatorio', aviso: 'Aviso', evento: 'Evento', resultado: 'Resultado' };

/** What the acting regions do on time, in the cycle year (budget year − 1), at 10:00 local time. */
const aTiempo = [
  ['06-10', 'presupuesto-exploratorio-registrado'],
  ['11-14', 'focalizacion-preliminar-recibida'],
  ['11-25', 'observaciones-enviadas'],
  ['11-30', 'montos-preliminares-registrados'],
  ['12-29', 'focalizacion-final-recibida'],
];

/** The preset scenarios: which of the on-time events each region records. */
const escenarios = [
  { clave: 'nadie', nombre: 'Nadie actúa (se aplican los plazos y el respaldo)', eventos: [] },
  { clave: 'sin-final', nombre: 'El GORE no envía la final', eventos: aTiempo.slice(0, 4) },
  { clave: 'a-tiempo', nombre: 'Todos a tiempo, final conforme', eventos: aTiempo },
  { clave: 'archivo', nombre: 'Escenario desde un archivo JSON (formato de simular)', eventos: null },
];

function campo(etiqueta, control) {
  const envoltura = document.createElement('div');
  envoltura.className = 'simulacion__campo';
  const rotulo = document.createElement('label');
  rotulo.htmlFor = control.id;
  rotulo.textContent = etiqueta;
  envoltura.append(rotulo, control);
  return envoltura;
}

function escenarioPreset(preset, regiones, anio, conAnterior) {
  const eventos = [];
  for (const region of regiones) {
    for (const [dia, evento] of preset.eventos) {
      const e = { region, fecha: (anio - 1) + '-' + dia + 'T10:00', evento };
      if (evento === 'focalizacion-final-recibida') e.conforme = true;
      eventos.push(e);
    }
  }
  return { focalizacionAnterior: conAnterior ? regiones : [], eventos };
}

/** "2026-12-23T00:00:00-03:00" as the region's own wall clock reads it: 23-12-2026 00:00. */
function fecha(instante) {
  const [d, h] = instante.split('T');
  const [a, m, dia] = d.split('-');
  return dia + '-' + m + '-' + a + ' ' + h.slice(0, 5);
}

export function mountSimulation(modeler, container, ajustes) {
  const canvas = modeler.get('canvas');
  const registry = modeler.get('elementRegistry');
  const selection = modeler.get('selection');
  const nombres = new Map((ajustes.regiones || []).map((r) => [r.codigo, r.nombre]));
  let marcado = null;

  const titulo = document.createElement('h2');
  titulo.id = 'simulacion-titulo';
  titulo.textContent = 'Simulación';
  const ayuda = document.createElement('p');
  ayuda.textContent = 'Corre el diagrama que edita durante un año presupuestario completo, en una base desechable: no toca los datos reales ni envía correos.';

  const form = document.createElement('form');
  form.className = 'simulacion__formulario';
  form.noValidate = true;

  const regiones = document.createElement('select');
  regiones.id = 'simulacion-regiones';
  regiones.multiple = true;
  regiones.size = 6;
  for (const r of ajustes.regiones || []) {
    const opcion = document.createElement('option');
    opcion.value = r.codigo;
    opcion.textContent = r.nombre + ' (' + r.codigo + ')';
    opcion.selected = r.codigo === 'NB';
    regiones.append(opcion);
  }

  const anio = document.createElement('input');
  anio.id = 'simulacion-anio';
  anio.type = 'number';
  anio.min = '2021';
  anio.max = '2099';
  anio.value = String(new Date().getFullYear() + 1);

  const escenario = document.createElement('select');
  escenario.id = 'simulacion-escenario';
  for (const e of escenarios) {
    const opcion = document.createElement('option');
    opcion.value = e.clave;
    opcion.textContent = e.nombre;
    escenario.append(opcion);
  }

  const anterior = document.createElement('input');
  anterior.id = 'simulacion-anterior';
  anterior.type = 'checkbox';
  const anteriorCampo = document.createElement('div');
  anteriorCampo.className = 'simulacion__campo simulacion__campo--casilla';
  const anteriorRotulo = document.createElement('label');
  anteriorRotulo.htmlFor = anterior.id;
  anteriorRotulo.textContent = 'Las regiones tienen focalización del año anterior';
  anteriorCampo.append(anterior, anteriorRotulo);

  const archivo = document.createElement('input');
  archivo.id = 'simulacion-archivo';
  archivo.type = 'file';
  archivo.accept = 'application/json,.json';
  const archivoCampo = campo('Archivo del escenario (JSON)', archivo);
  archivoCampo.hidden = true;
  escenario.addEventListener('change', () => { archivoCampo.hidden = escenario.value !== 'archivo'; });

  const boton = document.createElement('button');
  boton.type = 'submit';
  boton.className = 'boton';
  boton.textContent = 'Simular';

  form.append(campo('Regiones', regiones), campo('Año a simular', anio), campo('Escenario', escenario), anteriorCampo, archivoCampo, boton);

  const estado = document.createElement('p');
  estado.className = 'simulacion__estado';
  estado.setAttribute('role', 'status');
  const notas = document.createElement('ul');
  notas.className = 'simulacion__notas';
  const lista = document.createElement('ol');
  lista.className = 'simulacion__linea';
  lista.setAttribute('aria-label', 'Línea de tiempo simulada');

  container.replaceChildren(titulo, ayuda, form, estado, notas, lista);

  function elegir(id, boton) {
    if (marcado && registry.get(marcado)) canvas.removeMarker(marcado, marca);
    for (const b of lista.querySelectorAll('[aria-current]')) b.removeAttribute('aria-current');
    const elemento = id && registry.get(id);
    if (!elemento) {
      estado.textContent = 'El elemento ' + (id || '') + ' no está en el diagrama que se edita.';
      return;
    }
    selection.select(elemento);
    canvas.scrollToElement(elemento);
    canvas.addMarker(id, marca);
    marcado = id;
    boton.setAttribute('aria-current', 'true');
  }

  function mostrar(datos) {
    notas.replaceChildren(...[...(datos.mensajes || []), ...(datos.incidentes || []).map((i) => 'Incidente abierto: ' + i)].map((texto) => {
      const item = document.createElement('li');
      item.textContent = texto;
      return item;
    }));
    lista.replaceChildren(...(datos.entradas || []).map((e) => {
      const item = document.createElement('li');
      const texto = fecha(e.instante) + ' · ' + (tipos[e.tipo] || e.tipo)
        + (e.numero ? ' N° ' + e.numero + (e.anioOficio ? '/' + e.anioOficio : '') : '')
        + ' · ' + (nombres.get(e.region) || e.region) + ' — ' + e.detalle;
      if (e.elemento) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'boton--enlace';
        b.dataset.elemento = e.elemento;
        b.textContent = texto;
        b.title = 'Ver el elemento ' + e.elemento + ' en el diagrama';
        b.addEventListener('click', () => elegir(e.elemento, b));
        item.append(b);
      } else {
        item.textContent = texto;
      }
      return item;
    }));
    const n = (datos.entradas || []).length;
    estado.textContent = n === 1 ? '1 entrada en la línea de tiempo.' : n + ' entradas en la línea de tiempo.';
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const elegidas = [...regiones.selectedOptions].map((o) => o.value);
    if (elegidas.length === 0) {
      estado.textContent = 'Elija al menos una región.';
      regiones.focus();
      return;
    }
    const anioElegido = Number(anio.value);
    const preset = escenarios.find((e) => e.clave === escenario.value);
    let cuerpoEscenario;
    if (preset.eventos === null) {
      const f = archivo.files[0];
      if (!f) {
        estado.textContent = 'Elija el archivo JSON del escenario.';
        archivo.focus();
        return;
      }
      try {
        cuerpoEscenario = JSON.parse(await f.text());
      } catch {
        estado.textContent = 'El archivo ' + f.name + ' no es JSON válido.';
        return;
      }
    } else {
      cuerpoEscenario = escenarioPreset(preset, elegidas, anioElegido, anterior.checked);
    }
    boton.disabled = true;
    estado.textContent = 'Simulando…';
    lista.replaceChildren();
    notas.replaceChildren();
    try {
      const { xml } = await modeler.saveXML({ format: false });
      const r = await enviarJson('/api/v1/disenador/simulaciones', { xml, escenario: cuerpoEscenario, regiones: elegidas, anio: anioElegido });
      if (r.ok) {
        mostrar(r.datos);
      } else {
        const problemas = r.datos.problemas || [];
        estado.textContent = (r.datos.detail || 'El servidor respondió ' + r.estado) + (problemas.length ? ': corrija los problemas marcados en el diagrama.' : '');
        notas.replaceChildren(...problemas.map((p) => {
          const item = document.createElement('li');
          item.textContent = (p.elemento ? p.elemento + ': ' : '') + p.mensaje;
          return item;
        }));
      }
    } catch (error) {
      estado.textContent = 'No se pudo simular: ' + error.message;
    } finally {
      boton.disabled = false;
    }
  });
}
