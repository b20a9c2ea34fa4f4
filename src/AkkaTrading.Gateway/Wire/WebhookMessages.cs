using System.Text.Json.Serialization;

namespace AkkaTrading.Gateway.Wire;

/// <summary>A webhook to register: where to POST and which topics (<c>fills</c> by default, <c>trades</c> allowed).</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Topics);

/// <summary>A registered webhook; <see cref="Secret"/> is shown once, in the answer to its registration.</summary>
public sealed record WebhookMessage(string Id, string Url, IReadOnlyList<string> Topics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret, WebhookStatusMessage Status);

/// <param name="State"><c>active</c> or <c>disabled</c> (it delivers no more; delete it and register again)</param>
/// <param name="LastSeq">the seq of the last event delivered: delivery resumes after it</param>
/// <param name="FailuresInARow">failed attempts since the last success</param>
public sealed record WebhookStatusMessage(string State, long Delivered, long LastSeq, int FailuresInARow, string? LastError,
    DateTimeOffset? LastAttempt);
