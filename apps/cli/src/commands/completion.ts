/**
 * `cxctl completion bash|zsh|fish`: shell completion scripts. They ask `cxctl __complete` for the
 * candidates (complete.ts), so completion always matches the installed version (every product operation
 * included).
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
