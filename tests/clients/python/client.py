"""A client in another language, generated from the proto: proof the contract is usable as is."""
import sys

import grpc
from articleprep.v1 import article_prep_pb2 as pb
from articleprep.v1 import article_prep_pb2_grpc as rpc


def main(address: str, seed_path: str) -> None:
    seed = open(seed_path, encoding="utf-8").read()
    with grpc.insecure_channel(address) as channel:
        stub = rpc.ArticlePrepStub(channel)
        article = stub.Prepare(pb.PrepareRequest(
            id="py-1", text=seed,
            options=pb.PrepareOptions(chunking=pb.ChunkOptions(max_tokens=128, tokenizer=pb.TOKENIZER_O200K_BASE),
                                      offset_unit=pb.OFFSET_UNIT_UTF16)))
        assert article.metadata.title.startswith("NATO membership"), article.metadata.title
        assert len(article.quotes) == 17
        units = article.text.encode("utf-16-le")
        for q in article.quotes:
            assert units[2 * q.span.start:2 * q.span.end].decode("utf-16-le") == q.text
        assert all(c.token_count <= 128 for c in article.chunks) and len(article.chunks) > 2

        requests = [pb.PrepareRequest(id="s1", text=seed), pb.PrepareRequest(id="s2"), pb.PrepareRequest(id="s3", text=seed)]
        results = {r.id: r for r in stub.PrepareStream(iter(requests))}
        assert set(results) == {"s1", "s2", "s3"}, results.keys()
        assert results["s2"].WhichOneof("outcome") == "error" and results["s2"].error.code_name == "INVALID_ARGUMENT"
        assert results["s1"].article.metadata.source == "Al Arabiya"

        try:
            stub.Prepare(pb.PrepareRequest(id="bad", text=seed, options=pb.PrepareOptions(
                chunking=pb.ChunkOptions(max_tokens=64, overlap_tokens=64))))
            raise AssertionError("overlap >= max_tokens must be refused")
        except grpc.RpcError as e:
            assert e.code() == grpc.StatusCode.INVALID_ARGUMENT and "overlap_tokens" in e.details(), e
    print("python client: Prepare, PrepareStream and errors ok")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
