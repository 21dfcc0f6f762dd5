# SYNTAX TEST "source.dockerfile" "every instruction keyword, any case"
FROM alpine:3.20
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
from alpine
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
RUN make
# <--- meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
run make
# <--- meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
CMD ["app"]
# <--- meta.instruction.cmd.dockerfile keyword.other.instruction.dockerfile
LABEL a=b
# <----- meta.instruction.label.dockerfile keyword.other.instruction.dockerfile
MAINTAINER Jane Doe <jane@example.com>
# <---------- meta.instruction.maintainer.dockerfile keyword.other.instruction.dockerfile
EXPOSE 80
# <------ meta.instruction.expose.dockerfile keyword.other.instruction.dockerfile
ENV A=b
# <--- meta.instruction.env.dockerfile keyword.other.instruction.dockerfile
ADD a.tar /
# <--- meta.instruction.add.dockerfile keyword.other.instruction.dockerfile
COPY . /app
# <---- meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
EntryPoint ["app"]
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.instruction.dockerfile
VOLUME /data
# <------ meta.instruction.volume.dockerfile keyword.other.instruction.dockerfile
USER app:app
# <---- meta.instruction.user.dockerfile keyword.other.instruction.dockerfile
WORKDIR /app
# <------- meta.instruction.workdir.dockerfile keyword.other.instruction.dockerfile
ARG VERSION
# <--- meta.instruction.arg.dockerfile keyword.other.instruction.dockerfile
STOPSIGNAL SIGTERM
# <---------- meta.instruction.stopsignal.dockerfile keyword.other.instruction.dockerfile
HEALTHCHECK NONE
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.instruction.dockerfile
SHELL ["/bin/bash", "-c"]
# <----- meta.instruction.shell.dockerfile keyword.other.instruction.dockerfile
ONBUILD RUN make
# <------- meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
  run indented
# ^^^ keyword.other.instruction.dockerfile
RUNNING is not an instruction
# <------- - keyword.other.instruction.dockerfile
ONBUILD COPY --from=builder /app /app
# <------- keyword.other.instruction.dockerfile
#       ^^^^ keyword.other.instruction.dockerfile
#            ^^^^^^ entity.other.attribute-name.flag.dockerfile
#                   ^^^^^^^ entity.name.type.stage.dockerfile
onbuild run echo hi
# <------- keyword.other.instruction.dockerfile
#       ^^^ keyword.other.instruction.dockerfile
HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1
# <----------- keyword.other.instruction.dockerfile
#                          ^^^ meta.healthcheck.cmd.dockerfile keyword.other.instruction.dockerfile
#                                                        ^^ keyword.operator.logical.dockerfile
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
#           ^^^ keyword.other.instruction.dockerfile
#               ^ meta.array.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
HEALTHCHECK none
#           ^^^^ keyword.other.healthcheck.none.dockerfile
STOPSIGNAL 9
#          ^ constant.numeric.integer.dockerfile
STOPSIGNAL SIGQUIT
#          ^^^^^^^ constant.language.signal.dockerfile
USER ${UID}:1000
#      ^^^ variable.other.dockerfile
#          ^ punctuation.separator.user-group.dockerfile
WORKDIR "/srv/my app"
#       ^^^^^^^^^^^^^ string.quoted.double.dockerfile
VOLUME ["/data", "/logs"]
#       ^^^^^^^ meta.array.exec-form.dockerfile string.quoted.double.dockerfile
