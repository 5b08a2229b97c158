"""Drives paramiko against a Styx.Ssh test server: `exec CMD` or `shell` (pty, window change, exit).

Usage: paramiko_client.py HOST PORT USER KEYFILE[,KEYFILE...] KNOWN_HOSTS exec|shell [COMMAND]
Prints the command's output; exits with the remote exit status (exec) or 0 (shell). Several key files are offered in
order, as Ansible does (paramiko starts user authentication again for each key).
"""
import sys
import time

import paramiko


def read_until(channel, marker, timeout=15):
    data = b""
    deadline = time.time() + timeout
    while marker.encode() not in data:
        if time.time() > deadline:
            raise TimeoutError(f"no {marker!r} in {data!r}")
        if channel.recv_ready():
            data += channel.recv(4096)
        else:
            time.sleep(0.01)
    return data


def main():
    host, port, user, key, known_hosts, mode = sys.argv[1:7]
    client = paramiko.SSHClient()
    client.load_host_keys(known_hosts)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, int(port), username=user, key_filename=key.split(","), allow_agent=False, look_for_keys=False, timeout=15)
    if mode == "exec":
        channel = client.get_transport().open_session()
        channel.get_pty("xterm", 80, 24)
        channel.exec_command(sys.argv[7])
        output = b""
        while True:
            chunk = channel.recv(65536)
            if not chunk:
                break
            output += chunk
        sys.stdout.write(output.decode())
        status = channel.recv_exit_status()
        client.close()
        sys.exit(status)
    channel = client.invoke_shell("xterm-256color", 100, 30)
    read_until(channel, "ready 100x30")
    channel.resize_pty(120, 40)
    read_until(channel, "size 120x40")
    channel.send(b"exit\n")
    read_until(channel, "bye")
    print("shell ok")
    client.close()


main()
