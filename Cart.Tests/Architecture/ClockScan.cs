using System.Text;
using System.Text.RegularExpressions;

namespace Cart.Tests.Architecture;

/// <summary>
/// Finds reads of the system clock in the production sources. A source scan rather than an IL check, because
/// DateTime.UtcNow is a property getter that IL analysis cannot tell apart from every other use of DateTime.
/// </summary>
internal static partial class ClockScan
{
    private static readonly string[] ProductionProjects = ["Cart.Domain", "Cart.Infrastructure", "Cart.Web"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "Migrations"];

    public static IEnumerable<string> ProductionSourceFiles(string root) =>
        ProductionProjects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.cs",
                SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(root, file)
                .Split(Path.DirectorySeparatorChar)
                .Any(segment => SkippedFolders.Contains(segment, StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal);

    /// <summary>"path:line: code" for every line of <paramref name="file"/> that reads the clock.</summary>
    public static IEnumerable<string> FindClockReads(string file)
    {
        var code = StripComments(File.ReadAllText(file)).Split('\n');
        for (var i = 0; i < code.Length; i++)
        {
            if (ClockRead().IsMatch(code[i]))
            {
                yield return $"{Path.GetRelativePath(SourceTree.Root, file)}:{i + 1}: {code[i].Trim()}";
            }
        }
    }

    public static bool ReadsClock(string source) => ClockRead().IsMatch(StripComments(source));

    /// <summary>
    /// Blanks out // and /* */ comments (keeping line breaks, so line numbers hold). String and character literals are
    /// kept, but followed, so that "https://..." is not taken for a comment.
    /// </summary>
    public static string StripComments(string source)
    {
        var output = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && next == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = end < 0 ? source.Length : end + 2;
                output.Append('\n', source[i..stop].Count(ch => ch == '\n'));
                i = stop;
            }
            else if (c is '"' or '\'')
            {
                var stop = EndOfLiteral(source, i);
                output.Append(source, i, stop - i);
                i = stop;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    private static int EndOfLiteral(string source, int start)
    {
        var quote = source[start];
        var run = 0;
        while (start + run < source.Length && source[start + run] == '"' && quote == '"')
        {
            run++;
        }

        if (run >= 3)
        {
            // Raw string literal: ends at the next run of as many quotes.
            var close = source.IndexOf(new string('"', run), start + run, StringComparison.Ordinal);
            return close < 0 ? source.Length : close + run;
        }

        var verbatim = quote == '"' && start > 0 && (source[start - 1] == '@'
                                                     || (start > 1 && source[start - 1] == '$' && source[start - 2] == '@'));
        for (var i = start + 1; i < source.Length; i++)
        {
            var c = source[i];
            if (verbatim)
            {
                if (c == '"' && i + 1 < source.Length && source[i + 1] == '"')
                {
                    i++;
                }
                else if (c == '"')
                {
                    return i + 1;
                }
            }
            else if (c == '\\')
            {
                i++;
            }
            else if (c == quote || c == '\n')
            {
                return i + 1;
            }
        }

        return source.Length;
    }

    [GeneratedRegex(@"\b(?:DateTime|DateTimeOffset)\s*\.\s*(?:UtcNow|Now|Today)\b|\bTimeProvider\s*\.\s*System\s*\.\s*GetUtcNow\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ClockRead();
}
