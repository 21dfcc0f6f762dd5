# SYNTAX TEST "source.dockerfile" "the backtick escape directive"
# escape=`
# ^^^^^^ meta.directive.escape.dockerfile keyword.other.directive.dockerfile
#        ^ string.unquoted.directive-value.dockerfile
# syntax=docker/dockerfile:1
# ^^^^^^ meta.directive.syntax.dockerfile keyword.other.directive.dockerfile
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
# <---- keyword.other.instruction.dockerfile
#                                                     ^^^^^ entity.name.type.stage.dockerfile
WORKDIR C:\app\
# <------- keyword.other.instruction.dockerfile
#         ^ meta.instruction.workdir.dockerfile - constant.character.escape.dockerfile
RUN Write-Host one; `
#                   ^ meta.instruction.run.dockerfile constant.character.escape.line-continuation.dockerfile
    Write-Host two
#   ^^^^^^^^^^ meta.instruction.run.dockerfile
COPY --from=build C:\out\ C:\app\
# <---- keyword.other.instruction.dockerfile
#           ^^^^^ entity.name.type.stage.dockerfile
ENV A=`$literal B=$expanded
#     ^^ constant.character.escape.dockerfile
#                 ^^^^^^^^^ variable.other.dockerfile
CMD ["cmd", "/S", "/C", "echo \"hi\""]
#                             ^^ constant.character.escape.dockerfile
