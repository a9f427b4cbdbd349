namespace Focalizacion.Engine.Benchmarks;

/// <summary>
/// The BPMN the benchmark runs, written here so its timer instant can be chosen at run time: a
/// receive task (one durable step per message), or an intermediate timer at a fixed instant.
/// </summary>
internal static class BenchmarkProcess
{
    public static string Message(string key) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D_{key}" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="M" name="documento" />
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="Inicio" />
            <bpmn:receiveTask id="Esperar" messageRef="M" />
            <bpmn:endEvent id="Fin" />
            <bpmn:sequenceFlow id="F1" sourceRef="Inicio" targetRef="Esperar" />
            <bpmn:sequenceFlow id="F2" sourceRef="Esperar" targetRef="Fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static string TimerAt(string key, string isoInstant) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D_{key}" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="Inicio" />
            <bpmn:intermediateCatchEvent id="Esperar">
              <bpmn:timerEventDefinition><bpmn:timeDate>{isoInstant}</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="Fin" />
            <bpmn:sequenceFlow id="F1" sourceRef="Inicio" targetRef="Esperar" />
            <bpmn:sequenceFlow id="F2" sourceRef="Esperar" targetRef="Fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
