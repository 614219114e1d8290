using System.Linq.Expressions;

namespace Cart.Domain.Catalog;

/// <summary>
/// How a search text matches a product, wherever products are searched (the public catalog, the console's products
/// and holds pages, the holds export): the text, trimmed, is found anywhere in the SKU or the name, ignoring case.
/// A blank text matches everything.
/// </summary>
public static class ProductSearch
{
    /// <summary>The text as it is compared (trimmed, lower case); null when it is blank and filters nothing.</summary>
    public static string? Term(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();

    /// <summary>The rule in memory: whether <paramref name="text"/> matches the product <paramref name="sku"/>,
    /// <paramref name="name"/> (null: a SKU without a product).</summary>
    public static bool Matches(string? text, string sku, string? name) =>
        Term(text) is not { } term
        || sku.ToLowerInvariant().Contains(term, StringComparison.Ordinal)
        || (name?.ToLowerInvariant().Contains(term, StringComparison.Ordinal) ?? false);

    /// <summary>
    /// The rule as a query filter over rows of <typeparamref name="T"/>, whose SKU and name the selectors read; every
    /// provider translates it (lower case on both sides, a <c>LIKE '%term%'</c>). Use only with a non-null
    /// <see cref="Term"/>.
    /// </summary>
    public static Expression<Func<T, bool>> Matching<T>(string term, Expression<Func<T, string>> sku,
        Expression<Func<T, string?>> name)
    {
        // ToLower() translates to SQL on every provider; a StringComparison overload would not.
#pragma warning disable CA1862, CA1304, CA1311
        Expression<Func<string, string?, bool>> rule = (s, n) =>
            s.ToLower().Contains(term) || (n != null && n.ToLower().Contains(term));
#pragma warning restore CA1862, CA1304, CA1311
        var row = Expression.Parameter(typeof(T), "row");
        var body = new Substitute(new Dictionary<ParameterExpression, Expression>
        {
            [rule.Parameters[0]] = new Substitute(sku.Parameters[0], row).Visit(sku.Body),
            [rule.Parameters[1]] = new Substitute(name.Parameters[0], row).Visit(name.Body),
        }).Visit(rule.Body);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    /// <summary>Puts expressions in place of parameters: the selectors' bodies into the rule, over one row.</summary>
    private sealed class Substitute(IReadOnlyDictionary<ParameterExpression, Expression> replacements)
        : ExpressionVisitor
    {
        public Substitute(ParameterExpression parameter, Expression replacement)
            : this(new Dictionary<ParameterExpression, Expression> { [parameter] = replacement })
        {
        }

        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
