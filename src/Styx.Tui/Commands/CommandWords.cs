using System.Text;

namespace Styx.Tui.Commands;

/// <summary>
/// Splits an exec request's command string into words the way a POSIX shell would (without expansion), because the
/// SSH client sends one string and people quote as they would for a shell: <c>ssh styx 'scale "my job" api 3'</c>.
/// Single quotes keep everything literally; double quotes allow <c>\"</c> and <c>\\</c>; a backslash outside quotes
/// escapes the next character.
/// </summary>
public static class CommandWords
{
    /// <exception cref="FormatException">An unterminated quote or a trailing backslash; the message says which.</exception>
    public static IReadOnlyList<string> Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    inWord = true;
                    var close = command.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException("unterminated single quote; close it with '");
                    }

                    word.Append(command, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    inWord = true;
                    i++;
                    while (true)
                    {
                        if (i >= command.Length)
                        {
                            throw new FormatException("unterminated double quote; close it with \"");
                        }

                        if (command[i] == '"')
                        {
                            break;
                        }

                        if (command[i] == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        word.Append(command[i]);
                        i++;
                    }

                    break;
                case '\\':
                    if (i + 1 >= command.Length)
                    {
                        throw new FormatException("the command ends with a lone backslash");
                    }

                    inWord = true;
                    word.Append(command[++i]);
                    break;
                default:
                    inWord = true;
                    word.Append(c);
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
