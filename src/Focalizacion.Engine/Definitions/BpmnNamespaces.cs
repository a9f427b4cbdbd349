namespace Focalizacion.Engine.Definitions;

/// <summary>The XML namespaces a definition file uses; prefixes are free, namespaces are not.</summary>
public static class BpmnNamespaces
{
    /// <summary>BPMN 2.0 model (ISO/IEC 19510).</summary>
    public const string Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>BPMN 2.0 diagram interchange (layout), kept but never executed.</summary>
    public const string Diagram = "http://www.omg.org/spec/BPMN/20100524/DI";

    /// <summary>Our extension namespace: handler names, oficio templates, recipients, reminder offsets.</summary>
    public const string Focalizacion = "https://focalizacion.sercotec.cl/schema/bpmn";

    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
}
