"""Runs the README's grpcurl examples against a server and checks that each gives a real answer:
an article with a body for every Prepare, SERVING for health, the service for list and describe.

  readme_examples.py README.md GRPCURL ADDRESS

Examples that read their request from stdin (`-d @`) are run by the e2e script itself.
"""
import json
import re
import shlex
import subprocess
import sys

README_ADDRESS = "127.0.0.1:50051"


def examples(readme: str) -> list[list[str]]:
    section = readme.split("## Try it with grpcurl", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    lines, current = [], ""
    for line in block.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line + "\n"
        try:
            words = shlex.split(current.replace("\\\n", " "))
        except ValueError:  # an open quote: the command goes on
            continue
        if not current.rstrip().endswith("\\"):
            lines.append(words)
            current = ""
    return [w for w in lines if w and w[0] == "grpcurl" and "@" not in w]


def main(readme_path: str, grpcurl: str, address: str) -> None:
    commands = examples(open(readme_path, encoding="utf-8").read())
    assert len(commands) >= 5, f"found only {len(commands)} grpcurl examples in the README"
    for words in commands:
        words = [grpcurl] + [address if w == README_ADDRESS else w for w in words[1:]]
        done = subprocess.run(words, capture_output=True, text=True)
        assert done.returncode == 0, f"{words}: {done.stderr}"
        method = words[-1]
        if method.endswith("/Prepare"):
            article = json.loads(done.stdout)
            assert article.get("text"), f"{words}: no body in {done.stdout[:300]}"
            assert not article.get("warnings"), f"{words}: warnings {article['warnings']}"
            if "-emit-defaults" in words:
                # Zero and empty fields are there: the first chunk's index, the first span's start.
                assert all("index" in c and "start" in c["span"] for c in article["chunks"]), words
            request = json.loads(words[words.index("-d") + 1])
            if "chunking" in request.get("options", {}):
                budget = request["options"]["chunking"]["maxTokens"]
                assert all(c["tokenCount"] <= budget for c in article["chunks"]), words
        elif method.endswith("/Check"):
            assert "SERVING" in done.stdout, f"{words}: {done.stdout}"
        else:
            assert "articleprep.v1" in done.stdout, f"{words}: {done.stdout}"
    print(f"readme: {len(commands)} grpcurl examples answered")


if __name__ == "__main__":
    main(*sys.argv[1:4])
