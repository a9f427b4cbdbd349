// The designer's "Simulación" panel: running the draft over a budget year (POST
// /api/v1/disenador/simulaciones) and showing its timeline beside the diagram. For now only its
// place in the page: the simulation's own work fills it.
export function mountSimulation(modeler, container, ajustes) {
  void modeler;
  void ajustes;
  const titulo = document.createElement('h2');
  titulo.id = 'simulacion-titulo';
  titulo.textContent = 'Simulación';
  container.replaceChildren(titulo);
}
