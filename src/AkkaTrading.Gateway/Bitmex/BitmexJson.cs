using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>BitMEX's JSON: camelCase names as BitMEX spells them (<c>clOrdID</c>), times as <c>2026-11-24T13:47:44.727Z</c>.</summary>
public static class BitmexJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new TimestampConverter() } };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A row type's fields with BitMEX's type names, for a <c>partial</c>'s <c>types</c>.</summary>
    public static Dictionary<string, string> Types(Type row) => row.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .ToDictionary(p => Options.PropertyNamingPolicy!.ConvertName(p.Name), p => TypeName(p));

    private static string TypeName(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(DateTimeOffset)) return "timestamp";
        if (type == typeof(bool)) return "boolean";
        if (type == typeof(long) || type == typeof(int)) return "long";
        if (type == typeof(decimal)) return "float";
        return property.Name.EndsWith("ID", StringComparison.Ordinal) ? "guid" : "symbol";
    }

    private sealed class TimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Timestamp(value));
    }
}
