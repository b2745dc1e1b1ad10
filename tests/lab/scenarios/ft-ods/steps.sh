# shellcheck shell=sh disable=SC2034  # sourced by the guest after lab.sh; variables are read there
# ft-ods: FT over the DS (wpa_cli ft_ds: FT Action request/response through
# the current AP, then reassociation to the target), both ways twice.
# Configs from captures/lab/ft-ods-ok (ft_over_ds=1 on both APs).
steps() {
    sleep 1
    ft_ds "$AP2"; ft_ds "$AP1"; ft_ds "$AP2"; ft_ds "$AP1"
}
