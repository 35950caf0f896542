/**
 * `cxctl completion bash|zsh|fish`: shell completion scripts. They ask `cxctl __complete` for the
 * candidates, so completion always matches the installed version (every product operation included).
 *
 * @module
 */
import { Argument, Command } from "commander";
import type { CliIo } from "../io.js";

const SCRIPTS = {
  bash: `# cxctl bash completion. Install: cxctl completion bash > ~/.local/share/bash-completion/completions/cxctl
_cxctl() {
  local IFS=$'\\n'
  local words=("\${COMP_WORDS[@]:1:$COMP_CWORD}")
  COMPREPLY=($(compgen -W "$(cxctl __complete -- "\${words[@]}" 2>/dev/null)" -- "\${COMP_WORDS[COMP_CWORD]}"))
}
complete -o default -F _cxctl cxctl
`,
  zsh: `#compdef cxctl
# cxctl zsh completion. Install: cxctl completion zsh > "\${fpath[1]}/_cxctl" (then restart zsh)
_cxctl() {
  local -a candidates
  candidates=("\${(@f)$(cxctl __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -- \${candidates}
}
if [[ "$funcstack[1]" = "_cxctl" ]]; then _cxctl "$@"; else compdef _cxctl cxctl; fi
`,
  fish: `# cxctl fish completion. Install: cxctl completion fish > ~/.config/fish/completions/cxctl.fish
function __cxctl_complete
    set -l words (commandline -opc) (commandline -ct)
    cxctl __complete -- $words[2..-1] 2>/dev/null
end
complete -c cxctl -f -a '(__cxctl_complete)'
`,
} as const;

/**
 * Builds `cxctl completion`.
 *
 * @param io - The run's streams.
 * @returns The command.
 */
export function completionCommand(io: CliIo): Command {
  return new Command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .addArgument(new Argument("<shell>", "the shell").choices(["bash", "zsh", "fish"]))
    .addHelpText("after", '\nExamples:\n  source <(cxctl completion bash)\n  cxctl completion zsh > "${fpath[1]}/_cxctl"\n  cxctl completion fish > ~/.config/fish/completions/cxctl.fish')
    .action((shell: keyof typeof SCRIPTS) => {
      io.stdout.write(SCRIPTS[shell]);
    });
}

/**
 * The candidates for the last word of a command line.
 *
 * @param program - The command tree built for the words.
 * @param words - The words after `cxctl`, the last one being completed (possibly empty).
 * @returns Candidate words.
 */
export function candidates(program: Command, words: readonly string[]): string[] {
  let command = program;
  const done = words.slice(0, -1);
  const current = words.at(-1) ?? "";
  const optionsOf = (cmd: Command): Command["options"] => {
    const all = [...cmd.options];
    for (let parent = cmd.parent; parent !== null; parent = parent.parent) all.push(...parent.options);
    return all;
  };
  for (let index = 0; index < done.length; index++) {
    const word = done[index] ?? "";
    if (word.startsWith("-")) {
      const option = optionsOf(command).find((candidate) => candidate.long === word || candidate.short === word);
      if (option !== undefined && (option.required || option.optional) && !word.includes("=")) {
        if (index === done.length - 1) return option.argChoices === undefined ? [] : [...option.argChoices];
        index++;
      }
      continue;
    }
    const sub = command.commands.find((candidate) => candidate.name() === word || candidate.aliases().includes(word));
    if (sub !== undefined) command = sub;
  }
  if (current.startsWith("-")) return optionsOf(command).flatMap((option) => (option.long === undefined ? [] : [option.long]));
  const args = (command as unknown as { registeredArguments?: readonly Argument[] }).registeredArguments ?? [];
  const choices = args.flatMap((argument) => argument.argChoices ?? []);
  return [...command.commands.filter((sub) => !sub.name().startsWith("__")).map((sub) => sub.name()), ...choices];
}

/**
 * Builds the hidden `cxctl __complete` the completion scripts call.
 *
 * @param io - The run's streams.
 * @param build - Builds the command tree for a command line.
 * @returns The command.
 */
export function completeCommand(io: CliIo, build: (words: readonly string[]) => Promise<Command>): Command {
  const command = new Command("__complete").argument("[words...]").allowUnknownOption().helpOption(false);
  command.action(async (words: string[]) => {
    const program = await build(words);
    io.stdout.write(`${candidates(program, words.length === 0 ? [""] : words).join("\n")}\n`);
  });
  return command;
}
