"""Forwards TCP connections from a local port to the sidecar in another container.

jupyter-server-proxy proxies its named servers to a port on localhost. In docker-compose the
sidecar runs in the `api` container, so jupyter_server_config.py starts this forwarder on the
port jupyter-server-proxy picks: `python forward_sidecar.py <local port> <host> <port>`.
"""

import asyncio
import sys


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copies bytes one way until either side closes."""
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def _serve(local_port: int, host: str, port: int) -> None:
    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
        except OSError:
            client_writer.close()  # the sidecar is not up yet: the proxy retries
            return
        await asyncio.gather(_pipe(client_reader, upstream_writer), _pipe(upstream_reader, client_writer))

    server = await asyncio.start_server(handle, "127.0.0.1", local_port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: forward_sidecar.py <local port> <sidecar host> <sidecar port>")
    asyncio.run(_serve(int(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
