// The workflow diagram of a cycle page: bpmn-js's viewer (read-only, with its bpmn.io watermark as
// its licence requires), the nodes where the instance waits marked. The page gives the XML's URL
// and the waiting nodes in data- attributes of the container; no inline script (the CSP forbids it).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

async function show(container) {
  const status = container.parentElement.querySelector('[data-diagrama-estado]');
  const say = (text) => { if (status) status.textContent = text; };
  try {
    const answer = await fetch(container.dataset.xml, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
    if (!answer.ok) {
      say('No se pudo leer el diagrama del flujo (' + answer.status + ').');
      return;
    }
    const viewer = new NavigatedViewer({ container });
    await viewer.importXML(await answer.text());
    viewer.get('canvas').zoom('fit-viewport');
    const waiting = (container.dataset.esperando || '').split(' ').filter(Boolean);
    const registry = viewer.get('elementRegistry');
    const canvas = viewer.get('canvas');
    for (const id of waiting) {
      if (registry.get(id)) {
        canvas.addMarker(id, 'foc-esperando');
      }
    }
    say(waiting.length ? 'Marcados en el diagrama: los elementos donde espera la instancia.' : 'La instancia no espera en ningún elemento.');
  } catch (error) {
    say('No se pudo mostrar el diagrama: ' + error.message);
  }
}

document.querySelectorAll('[data-diagrama]').forEach(show);
