"""Drives asyncssh against a Styx.Ssh test server: `exec CMD` or `shell` (pty, window change, exit).

Usage: asyncssh_client.py HOST PORT USER KEYFILE KNOWN_HOSTS exec|shell [COMMAND]
"""
import asyncio
import sys

import asyncssh


async def main():
    host, port, user, key, known_hosts, mode = sys.argv[1:7]
    async with asyncssh.connect(host, int(port), username=user, client_keys=[key], known_hosts=known_hosts,
                                agent_path=None, config=None) as connection:
        if mode == "exec":
            result = await connection.run(sys.argv[7], term_type="xterm", term_size=(80, 24))
            sys.stdout.write(result.stdout)
            sys.exit(result.exit_status)
        process = await connection.create_process(term_type="xterm-256color", term_size=(100, 30))
        await asyncio.wait_for(process.stdout.readuntil("ready 100x30"), 15)
        process.change_terminal_size(120, 40)
        await asyncio.wait_for(process.stdout.readuntil("size 120x40"), 15)
        process.stdin.write("exit\n")
        await asyncio.wait_for(process.stdout.readuntil("bye"), 15)
        print("shell ok")


asyncio.run(main())
