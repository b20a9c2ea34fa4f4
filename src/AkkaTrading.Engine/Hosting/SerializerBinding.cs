namespace AkkaTrading.Engine.Hosting;

/// <summary>The HOCON that registers a serializer under its name and id and binds a marker type's messages to it.</summary>
public static class SerializerBinding
{
    public static string Hocon(string name, Type serializer, int id, Type marker) => $$"""
        akka.actor {
          serializers { {{name}} = "{{serializer.AssemblyQualifiedName}}" }
          serialization-bindings { "{{marker.AssemblyQualifiedName}}" = {{name}} }
          serialization-identifiers { "{{serializer.AssemblyQualifiedName}}" = {{id}} }
        }
        """;
}
