using Archive.Integrity.Custody;

namespace Archive.Api.Access;

/// <summary>Why a content response did not complete, as <c>access.delivered</c> records it (<c>reason</c>).</summary>
public static class DeliveryFailure
{
    /// <summary>A stable reason for an exception that ended a delivery.</summary>
    /// <param name="exception">The exception.</param>
    public static string ReasonOf(Exception exception) => exception switch
    {
        ContentIntegrityException e => $"{e.Code}:{e.Failure}",
        ContentLostException e => e.Code,
        OperationCanceledException => "cancelled",
        _ => "error",
    };
}
