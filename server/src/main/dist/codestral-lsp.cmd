@echo off
rem codestral-lsp launcher for the Windows distribution: the bundled runtime, the jar and the
rem class-data archive made at build time; the same JVM flags as bin/codestral-lsp.
rem Never writes to stdout: in server mode stdout is the LSP channel.
setlocal
set "DIST=%~dp0.."
set "CDS=-XX:SharedArchiveFile=%DIST%\lib\codestral-lsp.jsa"
if /i "%CODESTRAL_LSP_CDS%"=="off" set "CDS="
"%DIST%\runtime\bin\java.exe" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms8m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:NewRatio=4 -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError -Xlog:disable -Xlog:all=warning,cds*=error:stderr %CDS% %CODESTRAL_LSP_JAVA_OPTS% -jar "%DIST%\lib\codestral-lsp.jar" %*
exit /b %ERRORLEVEL%
