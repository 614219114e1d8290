namespace Cart.Tests.Architecture;

/// <summary>
/// Cycles between folders: a folder is a namespace, and folder A depends on folder B when a type of A uses a type of
/// B. Every strongly connected group of two or more folders (Tarjan's algorithm) is a cycle.
/// </summary>
internal static class FolderCycles
{
    /// <summary>The folders (under <paramref name="prefixes"/>) each folder uses, itself aside.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Graph(
        IReadOnlyDictionary<string, IReadOnlySet<string>> uses, params string[] prefixes)
    {
        bool Ours(string ns) => prefixes.Any(p => ns == p || ns.StartsWith(p + ".", StringComparison.Ordinal));

        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (user, used) in uses)
        {
            var from = TypeDependencies.NamespaceOf(user);
            if (!Ours(from))
            {
                continue;
            }

            if (!graph.TryGetValue(from, out var edges))
            {
                graph[from] = edges = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var to in used.Select(TypeDependencies.NamespaceOf).Where(Ours))
            {
                if (to != from)
                {
                    edges.Add(to);
                }
            }
        }

        return graph.ToDictionary(g => g.Key, IReadOnlySet<string> (g) => g.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The uses that make up <paramref name="cycle"/>: for each edge between two of its folders, one type of the first
    /// using a type of the second, so a failure says what to move.
    /// </summary>
    public static IEnumerable<string> Explain(IReadOnlyList<string> cycle,
        IReadOnlyDictionary<string, IReadOnlySet<string>> uses)
    {
        var members = cycle.ToHashSet(StringComparer.Ordinal);
        return uses.Where(u => members.Contains(TypeDependencies.NamespaceOf(u.Key)))
            .SelectMany(u => u.Value
                .Where(used => members.Contains(TypeDependencies.NamespaceOf(used))
                               && TypeDependencies.NamespaceOf(used) != TypeDependencies.NamespaceOf(u.Key))
                .Select(used => (From: TypeDependencies.NamespaceOf(u.Key), To: TypeDependencies.NamespaceOf(used),
                    Use: $"{u.Key} → {used}")))
            .GroupBy(e => (e.From, e.To))
            .OrderBy(g => g.Key.From, StringComparer.Ordinal).ThenBy(g => g.Key.To, StringComparer.Ordinal)
            .Select(g => $"  {g.Key.From} → {g.Key.To}: {string.Join("; ", g.Select(e => e.Use).Order(StringComparer.Ordinal).Take(3))}");
    }

    /// <summary>Each cycle, as its folders in order; empty when the folders form a directed acyclic graph.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in graph.GetValueOrDefault(node) ?? new HashSet<string>())
            {
                if (index.TryGetValue(to, out var seen))
                {
                    if (onStack.Contains(to))
                    {
                        low[node] = Math.Min(low[node], seen);
                    }
                }
                else
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
            }

            if (low[node] != index[node])
            {
                return;
            }

            var group = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                group.Add(member);
            }
            while (member != node);

            if (group.Count > 1)
            {
                cycles.Add(group.Order(StringComparer.Ordinal).ToList());
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }
}
