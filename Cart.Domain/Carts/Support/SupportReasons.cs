namespace Cart.Domain.Carts.Support;

/// <summary>The reason every support fix must give: kept in the cart's timeline beside who made the fix.</summary>
public static class SupportReasons
{
    public const int MinLength = 5;
    public const int MaxLength = 500;

    /// <summary>The field a refused reason is reported on.</summary>
    public const string Field = "reason";

    /// <summary>The rule in a few words, for a form's hint.</summary>
    public static readonly string Hint = $"{MinLength} to {MaxLength} characters";

    /// <summary>What is wrong with <paramref name="reason"/> once trimmed; null when it will do.</summary>
    public static string? Problem(string? reason)
    {
        var length = reason?.Trim().Length ?? 0;
        return length switch
        {
            0 => "Give a reason for this fix.",
            < MinLength => $"The reason must be at least {MinLength} characters.",
            > MaxLength => $"The reason must be at most {MaxLength} characters.",
            _ => null,
        };
    }
}
