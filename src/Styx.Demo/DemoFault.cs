namespace Styx.Demo;

/// <summary>
/// Ways a read from Nomad can go wrong on the way (a proxy, a flaky network, a Nomad version Styx does not know),
/// which <see cref="DemoServer.Fault"/> injects into answers so tests can drive Styx's watchers through each one and
/// back out.
/// </summary>
public enum DemoFault
{
    None,

    /// <summary>A complete HTTP answer whose JSON body stops half way (a truncating proxy).</summary>
    CutShortBody,

    /// <summary>200 with an HTML page instead of JSON (a captive portal or a misrouted proxy).</summary>
    NonJsonBody,

    /// <summary>The real answer with every number turned into a word, so fields arrive with the wrong type.</summary>
    WrongFieldTypes,

    /// <summary>The connection is dropped before any answer.</summary>
    DropBeforeBody,

    /// <summary>Headers and half the body are sent, then the connection is dropped.</summary>
    DropMidBody,

    /// <summary>Headers and half the body are sent, then nothing more until the client gives up.</summary>
    StallBody,
}
