"""Runs the README's grpcurl examples against a server and checks that each gives a real answer:
an article with a body for every Prepare, SERVING for health, the service for list and describe.

  readme_examples.py README.md GRPCURL ADDRESS

Every example runs exactly as printed, pipes and all (`python3 -c ... | grpcurl -d @ ...`), in
the repository's folder with the installed grpcurl first on the PATH; only the address is the
test server's.
"""
import json
import os
import re
import shlex
import subprocess
import sys

README_ADDRESS = "127.0.0.1:50051"


def examples(readme: str) -> list[str]:
    """The grpcurl commands of the README's grpcurl section, each as its shell text."""
    section = readme.split("## Try it with grpcurl", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands, current = [], ""
    for line in block.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line + "\n"
        try:
            shlex.split(current.replace("\\\n", " "))
        except ValueError:  # an open quote: the command goes on
            continue
        if not current.rstrip().endswith("\\"):
            commands.append(current)
            current = ""
    return [c for c in commands if "grpcurl" in c]


def main(readme_path: str, grpcurl: str, address: str) -> None:
    root = os.path.dirname(os.path.abspath(readme_path))
    commands = examples(open(readme_path, encoding="utf-8").read())
    assert len(commands) >= 7, f"found only {len(commands)} grpcurl examples in the README"
    env = dict(os.environ, PATH=os.path.dirname(os.path.abspath(grpcurl)) + os.pathsep + os.environ["PATH"])
    for command in commands:
        shell = command.replace(README_ADDRESS, address)
        done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True,
                              text=True, cwd=root, env=env)
        assert done.returncode == 0, f"{command}: {done.stderr}"
        lexer = shlex.shlex(command.replace("\\\n", " "), posix=True, punctuation_chars="|")
        lexer.whitespace_split = True
        tokens = list(lexer)
        # The last command of the pipeline: the grpcurl call.
        words = tokens[len(tokens) - tokens[::-1].index("|"):] if "|" in tokens else tokens
        method = words[-1]
        if method.endswith("/Prepare"):
            article = json.loads(done.stdout)
            assert article.get("text"), f"{command}: no body in {done.stdout[:300]}"
            assert not article.get("warnings"), f"{command}: warnings {article['warnings']}"
            if "-emit-defaults" in words:
                # Zero and empty fields are there: the first chunk's index, the first span's start.
                assert all("index" in c and "start" in c["span"] for c in article["chunks"]), command
            if "@" not in words:
                request = json.loads(words[words.index("-d") + 1])
                if "chunking" in request.get("options", {}):
                    budget = request["options"]["chunking"]["maxTokens"]
                    assert all(c["tokenCount"] <= budget for c in article["chunks"]), command
        elif method.endswith("/Check"):
            assert "SERVING" in done.stdout, f"{command}: {done.stdout}"
        else:
            assert "articleprep.v1" in done.stdout, f"{command}: {done.stdout}"
    print(f"readme: {len(commands)} grpcurl examples answered, each run as printed")


if __name__ == "__main__":
    main(*sys.argv[1:4])
