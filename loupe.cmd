@echo off
rem Runs Loupe from a source checkout after "mvn -DskipTests package": no argument or a folder opens the studio,
rem anything else is a command (try loupe --help).
set "HERE=%~dp0"
if not exist "%HERE%target\loupe.jar" (
  echo loupe: %HERE%target\loupe.jar is missing; build it first with: mvn -DskipTests package 1>&2
  exit /b 2
)
if "%OMP_NUM_THREADS%"=="" set OMP_NUM_THREADS=1
if "%LOUPE_JAVA_OPTS%"=="" set LOUPE_JAVA_OPTS=-Xmx4g
java %LOUPE_JAVA_OPTS% -Dloupe.home="%HERE%." -jar "%HERE%target\loupe.jar" %*
